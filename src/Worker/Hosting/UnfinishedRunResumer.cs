using MassTransit;
using Provisioner.Worker.Saga;
using Provisioner.Worker.SagaStore;

namespace Provisioner.Worker.Hosting;

/// <summary>
/// On start, re-drives every run the store says is unfinished: with the in-memory bus, a restart loses the messages
/// that were in flight, and the stages are idempotent, so running them again lands on the same resources.
/// </summary>
public sealed class UnfinishedRunResumer(SagaTable table, IBus bus, ILogger<UnfinishedRunResumer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        foreach (var saga in await table.ListAsync("Running", stoppingToken))
        {
            logger.LogWarning("Resuming unfinished run {RequestId} of {Environment}", saga.RequestId, saga.Environment);
            await bus.Publish(new ResumeProvisioning(saga.CorrelationId), stoppingToken);
        }
    }
}
