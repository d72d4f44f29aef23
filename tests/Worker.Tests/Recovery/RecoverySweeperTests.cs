using Provisioner.Contracts;
using Provisioner.Worker.Planning;
using Provisioner.Worker.Recovery;
using Provisioner.Worker.Tests.Infrastructure;
using Provisioner.Worker.Tests.StateMachine;

namespace Provisioner.Worker.Tests.Recovery;

public sealed class RecoverySweeperTests
{
    [Fact]
    public async Task SweepOnceAsync_StageMessageLostInRestart_ResumedOnlyPastItsDeadline()
    {
        var database = Path.Combine(Path.GetTempPath(), $"saga-{Guid.NewGuid():N}.db");
        var request = SagaRequests.Valid();
        var id = Guid.NewGuid();
        // The first worker "crashes" mid-stage: its role call never returns and its in-memory bus is abandoned.
        var crashed = await SagaTestHost.StartAsync(database);
        var hold = crashed.Role.HoldCreate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await crashed.Bus.Publish(new ProvisionEnvironment(id, request));
        await Eventually.TrueAsync(() => crashed.Events.For(id).Count(e => e is StageCompleted) == 2, "two stages done");
        // Not just the events: the saga must have written the role stage's dispatch, or the sweep below reads an older version.
        await Eventually.TrueAsync(() => crashed.Role.HeldCreates == 1, "the role stage in progress");
        await crashed.StoredAsync(request.Environment, 2);
        crashed.Role.HoldCreate = null;
        var deadline = TimeSpan.FromSeconds(2);
        await using var restarted = await SagaTestHost.StartAsync(database, sameCloudAs: crashed,
            stages: SagaTestHost.FastStages with { Deadline = deadline });
        var sweeper = restarted.Sweeper();

        var early = await sweeper.SweepOnceAsync(default);
        await Task.Delay(deadline);
        var late = await sweeper.SweepOnceAsync(default);
        var outcome = await restarted.Events.OutcomeAsync(id);
        hold.SetCanceled();
        await crashed.DisposeAsync();

        Assert.Equal((0, 1), (early, late));
        Assert.IsType<EnvironmentProvisioned>(outcome);
        Assert.Equal(["create bucket", "create access-policy", "create role", "verify"], restarted.Log.Calls);
        Assert.Equal(["created", "created", "created", "verified"], restarted.Events.For(id).OfType<StageCompleted>().Select(s => s.Action));
        Assert.Equal(2, (await restarted.Table.LoadAsync(ResourceNames.CorrelationId(request.Environment), default))!.Run.Attempts);
    }

    [Fact]
    public async Task SweepOnceAsync_RunNeverProgresses_FailedIntoCompensationAfterAttemptLimit()
    {
        await using var host = await SagaTestHost.StartAsync(stages: SagaTestHost.FastStages with { Deadline = TimeSpan.FromMilliseconds(400) },
            recovery: new RecoveryOptions { MaxAttempts = 2 });
        var hold = host.Role.HoldCreate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var id = Guid.NewGuid();
        await host.Bus.Publish(new ProvisionEnvironment(id, SagaRequests.Valid()));
        var sweeper = host.Sweeper();

        var outcome = host.Events.OutcomeAsync(id, TimeSpan.FromSeconds(30));
        while (!outcome.IsCompleted)
        {
            await sweeper.SweepOnceAsync(default);
            await Task.WhenAny(outcome, Task.Delay(200));
        }
        var calls = host.Log.Calls;
        hold.SetCanceled();

        var rolledBack = Assert.IsType<EnvironmentRolledBack>(await outcome);
        Assert.Equal(StageNames.Role, rolledBack.FailedStage);
        Assert.Contains("no progress at stage 'role' in 2 attempts", rolledBack.Reason);
        Assert.Equal(2, host.Events.For(id).Count(e => e is EnvironmentRunStarted));
        Assert.Equal(["create bucket", "create access-policy", "delete access-policy", "delete bucket"], calls);
        Assert.Equal(["failed role", "compensated access-policy", "compensated bucket", "rolled-back role"],
            host.Events.For(id).Select(EventRecorder.Describe).SkipWhile(e => !e.StartsWith("failed", StringComparison.Ordinal)));
        Assert.Equal(0, host.Bucket.Count + host.Policy.Count + host.Role.Count);
    }
}
