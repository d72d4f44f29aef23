using MassTransit;
using Microsoft.Extensions.Options;
using Provisioner.Worker.Rotation;
using Provisioner.Worker.SagaStore;
using Provisioner.Worker.StateMachine;

namespace Provisioner.Worker.Recovery;

/// <summary>
/// In-memory bus only: on start, re-drives every run the store says is unfinished, because a restart lost the messages
/// that were in flight. With a broker the messages survive and another replica may be working on the run, so this is
/// not registered there; the recovery sweeper handles runs that really stalled, by deadline. Nor does it act on a
/// shared PostgreSQL store (say, <c>apply</c> run with production settings): the runs there belong to the replicas.
/// </summary>
public sealed class UnfinishedRunResumer(SagaTable table, IBus bus, IOptions<SagaStoreOptions> store, ILogger<UnfinishedRunResumer> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (store.Value.Provider == SagaStoreOptions.Postgres) return;
        foreach (var saga in await table.ListAsync(nameof(ProvisioningStateMachine.Running), stoppingToken))
        {
            logger.LogWarning("Resuming unfinished run {RequestId} of {Environment}", saga.Run.RequestId, saga.Environment);
            await bus.Publish(new ResumeProvisioning(saga.CorrelationId, saga.Run.TrackingNumber, saga.Version), stoppingToken);
        }
        // A rotation's step is sent again; one waiting out its grace period moves on only when that is over.
        foreach (var saga in await table.ListAsync(ProvisioningStateMachine.RotationStates, stoppingToken))
        {
            if (saga.Rotation is not { } rotation) continue;
            logger.LogWarning("Resuming rotation {RotationId} of {Environment} in state {State}", rotation.Id, saga.Environment, saga.CurrentState);
            await bus.Publish(new ResumeRotation(saga.CorrelationId, rotation.Id, saga.Version), stoppingToken);
        }
    }
}
