using MassTransit;
using Microsoft.Extensions.Options;
using Provisioner.Worker.Rotation;
using Provisioner.Worker.Runs;
using Provisioner.Worker.SagaStore;
using Provisioner.Worker.Stages;
using Provisioner.Worker.StateMachine;

namespace Provisioner.Worker.Recovery;

/// <summary>
/// Ends key rotations' grace periods, and finds runs that have made no progress for longer than their stage's deadline (measured from the saga's last write)
/// and asks the saga to re-drive them; after <c>Recovery:MaxAttempts</c> the saga fails them into compensation instead.
/// Every replica may sweep: the message names the attempt and version it saw, so only the first one counts.
/// </summary>
public sealed class RecoverySweeper(SagaTable table, IBus bus, IOptions<RecoveryOptions> recovery, IOptions<StageOptions> stages,
    TimeProvider clock, ILogger<RecoverySweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(recovery.Value.SweepInterval, clock);
        do
        {
            try
            {
                await SweepOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Recovery sweep failed; the next one is in {Interval}", recovery.Value.SweepInterval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <returns>How many stalled runs and due rotations were asked to resume.</returns>
    public async Task<int> SweepOnceAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var resumed = 0;
        foreach (var saga in await table.ListAsync(nameof(ProvisioningStateMachine.Running), cancellationToken))
        {
            var stage = RunLedger.InFlightStage(saga.Run);
            var stalled = now - saga.UpdatedAt;
            if (stalled < stages.Value.DeadlineOf(stage)) continue;
            logger.LogWarning("Run {RequestId} of {Environment} has made no progress at {Stage} for {Stalled}; resuming it",
                saga.Run.RequestId, saga.Environment, stage, stalled);
            await bus.Publish(new ResumeProvisioning(saga.CorrelationId, saga.Run.TrackingNumber, saga.Version), cancellationToken);
            resumed++;
        }
        foreach (var saga in await table.ListAsync(ProvisioningStateMachine.RotationStates, cancellationToken))
        {
            if (saga.Rotation is not { } rotation) continue;
            var due = saga.CurrentState == nameof(ProvisioningStateMachine.KeyGracePeriod)
                ? rotation.GraceUntil <= now
                : now - saga.UpdatedAt >= stages.Value.DeadlineOf(Contracts.StageNames.AccessKey);
            if (!due) continue;
            logger.LogInformation("Rotation {RotationId} of {Environment} is due in state {State}; moving it on", rotation.Id, saga.Environment,
                saga.CurrentState);
            await bus.Publish(new ResumeRotation(saga.CorrelationId, rotation.Id, saga.Version), cancellationToken);
            resumed++;
        }
        return resumed;
    }
}
