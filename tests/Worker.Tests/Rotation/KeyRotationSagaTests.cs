using Provisioner.Contracts;
using Provisioner.Worker.Rotation;
using Provisioner.Worker.Stages;
using Provisioner.Worker.Tests.StateMachine;

namespace Provisioner.Worker.Tests.Rotation;

/// <summary>Rotation runs through the environment's saga: it holds the environment like a run does, and each step is idempotent.</summary>
public sealed class KeyRotationSagaTests
{
    private static readonly AccessKeyOptions LongGrace = new() { RotationGrace = TimeSpan.FromHours(1) };

    [Fact]
    public async Task Rotate_ProvisionedAccessKeyEnvironment_ReplacesThenRetiresTheOldKey()
    {
        await using var host = await SagaTestHost.StartAsync();
        var request = await ProvisionedAsync(host);
        var id = Guid.NewGuid();

        var outcome = await host.RotateAsync(request.Environment, id);

        var rotated = Assert.IsType<AccessKeyRotated>(outcome);
        Assert.Equal(("AKIAFAKE0", "AKIAFAKE1"), (rotated.OldAccessKeyId, rotated.NewAccessKeyId));
        Assert.Equal([nameof(AccessKeyCreated), nameof(AccessKeyDeactivated), nameof(AccessKeyRotated)],
            host.Events.For(id).Select(EventRecorder.Describe));
        var created = host.Events.For(id).OfType<AccessKeyCreated>().Single();
        Assert.Equal(["deployment/milvus-demo-standalone"], created.RestartedWorkloads);
        Assert.Equal([$"replace {request.Environment}", "retire AKIAFAKE0"], host.Log.Calls.Where(IsRotationCall));
        Assert.Equal("provisioned", await StateAsync(host, request.Environment));
    }

    [Fact]
    public async Task Rotate_SameCommandTwice_RotatesOnce()
    {
        await using var host = await SagaTestHost.StartAsync();
        var request = await ProvisionedAsync(host);
        var id = Guid.NewGuid();
        await host.RotateAsync(request.Environment, id);

        await host.Bus.Publish(new RotateAccessKey(id, request.Environment));
        await host.Harness.InactivityTask;

        Assert.Equal(1, host.Rotation.ReplaceCalls);
        Assert.Single(host.Events.For(id).OfType<AccessKeyRotated>());
    }

    [Fact]
    public async Task Rotate_UnknownEnvironment_Refused()
    {
        await using var host = await SagaTestHost.StartAsync();

        var refused = Assert.IsType<AccessKeyRotationRefused>(await host.RotateAsync("never-was"));

        Assert.Contains("no environment named 'never-was'", refused.Reason);
        Assert.Equal(0, host.Rotation.ReplaceCalls);
    }

    [Fact]
    public async Task Rotate_IrsaEnvironment_RefusedWithoutTouchingAnything()
    {
        await using var host = await SagaTestHost.StartAsync();
        var request = SagaRequests.Full();
        await host.ProvisionAsync(request);

        var refused = Assert.IsType<AccessKeyRotationRefused>(await host.RotateAsync(request.Environment));

        Assert.Contains("does not use access-key mode", refused.Reason);
        Assert.Equal(0, host.Rotation.ReplaceCalls);
        Assert.Equal("provisioned", await StateAsync(host, request.Environment));
    }

    [Fact]
    public async Task Rotate_WhileARunIsInProgress_Refused()
    {
        await using var host = await SagaTestHost.StartAsync();
        var request = SagaRequests.AccessKey();
        host.User.HoldCreate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var run = Guid.NewGuid();
        await host.Bus.Publish(new ProvisionEnvironment(run, request));
        await SagaTestHost.Eventually(() => host.Events.For(run).Count(e => e is StageCompleted) == 2); // bucket, access policy

        object outcome;
        try
        {
            outcome = await host.RotateAsync(request.Environment);
        }
        finally
        {
            host.User.HoldCreate.SetResult();
        }

        var refused = Assert.IsType<AccessKeyRotationRefused>(outcome);

        Assert.Contains("a run for", refused.Reason);
        Assert.IsType<EnvironmentProvisioned>(await host.Events.OutcomeAsync(run));
        Assert.Equal(0, host.Rotation.ReplaceCalls);
    }

    [Fact]
    public async Task Run_DuringTheGracePeriod_RefusedSoTheOldKeyIsNotDeletedEarly()
    {
        await using var host = await SagaTestHost.StartAsync(accessKeys: LongGrace);
        var request = await ProvisionedAsync(host);
        await StartRotationAsync(host, request.Environment);
        var callsBefore = host.Log.Calls.Count;

        var rejected = Assert.IsType<EnvironmentRequestRejected>(await host.ProvisionAsync(request));

        Assert.Contains("key rotation", Assert.Single(rejected.Problems).Message);
        Assert.Equal(callsBefore, host.Log.Calls.Count);
        Assert.Equal("rotating", await StateAsync(host, request.Environment));
        Assert.Contains(nameof(AccessKeyRotationRefused), EventRecorder.Describe(await host.RotateAsync(request.Environment)));
    }

    [Fact]
    public async Task DuplicateOfTheProvisioningRequest_DuringARotation_GetsItsOriginalOutcome()
    {
        await using var host = await SagaTestHost.StartAsync(accessKeys: LongGrace);
        var request = SagaRequests.AccessKey();
        var original = Guid.NewGuid();
        await host.ProvisionAsync(request, original);
        await StartRotationAsync(host, request.Environment);

        await host.Bus.Publish(new ProvisionEnvironment(original, request));
        await SagaTestHost.Eventually(() => host.Events.For(original).Count(e => e is EnvironmentProvisioned) == 2);

        Assert.DoesNotContain(host.Events.For(original), e => e is EnvironmentRequestRejected);
    }

    [Fact]
    public async Task GracePeriod_EndsWhenTheSweeperFindsItOver_NotBefore()
    {
        var grace = new AccessKeyOptions { RotationGrace = TimeSpan.FromMilliseconds(600) };
        await using var host = await SagaTestHost.StartAsync(accessKeys: grace);
        var request = await ProvisionedAsync(host);
        var rotation = await StartRotationAsync(host, request.Environment);

        Assert.Equal(0, await host.Sweeper().SweepOnceAsync(default));
        await Task.Delay(700);
        Assert.Equal(1, await host.Sweeper().SweepOnceAsync(default));

        Assert.IsType<AccessKeyRotated>(await host.Events.OutcomeAsync(rotation));
        Assert.Equal(["retire AKIAFAKE0"], host.Log.Calls.Where(c => c.StartsWith("retire", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Deprovision_DuringARotation_WaitsForItsEndThenRemoves()
    {
        var grace = new AccessKeyOptions { RotationGrace = TimeSpan.FromMilliseconds(300) };
        await using var host = await SagaTestHost.StartAsync(accessKeys: grace);
        var request = await ProvisionedAsync(host);
        var rotation = await StartRotationAsync(host, request.Environment);
        var deprovision = Guid.NewGuid();

        await host.Bus.Publish(new DeprovisionEnvironment(deprovision, request.Environment, DeleteData: false));
        await Task.Delay(400);
        Assert.Empty(host.Events.For(deprovision));
        await host.Sweeper().SweepOnceAsync(default);

        Assert.IsType<AccessKeyRotated>(await host.Events.OutcomeAsync(rotation));
        Assert.IsType<EnvironmentDeprovisioned>(await host.Events.OutcomeAsync(deprovision));
        Assert.Equal((0, 0), (host.User.Count, host.AccessKey.Count));
    }

    [Fact]
    public async Task ReplaceStep_FailsAfterRetries_RotationRefusedWithTheReasonAndEnvironmentUsable()
    {
        await using var host = await SagaTestHost.StartAsync();
        var request = await ProvisionedAsync(host);
        host.Rotation.FailReplace = new ResourceConflictException(StageNames.AccessKey, "ns/secret", "is not labelled as environment 'x'");

        var refused = Assert.IsType<AccessKeyRotationRefused>(await host.RotateAsync(request.Environment));

        Assert.Contains("could not be replaced", refused.Reason);
        Assert.Contains("is not labelled", refused.Reason);
        Assert.Equal(1, host.Rotation.ReplaceCalls); // terminal: not retried
        Assert.Equal("provisioned", await StateAsync(host, request.Environment));
        host.Rotation.FailReplace = null;
        Assert.IsType<AccessKeyRotated>(await host.RotateAsync(request.Environment));
    }

    [Fact]
    public async Task RetireStep_Fails_RotationEndsSayingWhichOldKeyIsLeft()
    {
        await using var host = await SagaTestHost.StartAsync();
        var request = await ProvisionedAsync(host);
        host.Rotation.FailRetire = new ResourceConflictException(StageNames.AccessKey, "user", "denied");

        var refused = Assert.IsType<AccessKeyRotationRefused>(await host.RotateAsync(request.Environment));

        Assert.Contains("holds the new key AKIAFAKE1", refused.Reason);
        Assert.Contains("old key AKIAFAKE0 could not be removed", refused.Reason);
        Assert.Equal("provisioned", await StateAsync(host, request.Environment));
    }

    [Fact]
    public async Task ReplaceStep_Stalled_SweeperSendsItAgainAndTheLateAnswerIsIgnored()
    {
        var stages = SagaTestHost.FastStages with { Deadline = TimeSpan.Zero };
        await using var host = await SagaTestHost.StartAsync(stages: stages);
        var request = await ProvisionedAsync(host);
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        host.Rotation.HoldNextReplace = held;
        var rotation = Guid.NewGuid();
        await host.Bus.Publish(new RotateAccessKey(rotation, request.Environment));
        await SagaTestHost.Eventually(() => host.Rotation.ReplaceCalls == 1);

        Assert.Equal(1, await host.Sweeper().SweepOnceAsync(default));

        Assert.IsType<AccessKeyRotated>(await host.Events.OutcomeAsync(rotation));
        held.SetResult();
        await host.Harness.InactivityTask;
        Assert.Equal(2, host.Rotation.ReplaceCalls);
        Assert.Single(host.Events.For(rotation).OfType<AccessKeyCreated>());
        Assert.Single(host.Log.Calls, c => c.StartsWith("retire", StringComparison.Ordinal));
        Assert.Equal("provisioned", await StateAsync(host, request.Environment));
    }

    [Fact]
    public async Task Restart_DuringTheGracePeriod_RotationResumesFromTheStore()
    {
        var database = Path.Combine(Path.GetTempPath(), $"saga-{Guid.NewGuid():N}.db");
        var grace = new AccessKeyOptions { RotationGrace = TimeSpan.FromMilliseconds(300) };
        await using var first = await SagaTestHost.StartAsync(database, accessKeys: grace);
        var request = await ProvisionedAsync(first);
        var rotation = await StartRotationAsync(first, request.Environment);

        await using var second = await SagaTestHost.StartAsync(database, sameCloudAs: first, accessKeys: grace);
        await Task.Delay(400);
        await second.ResumeUnfinishedAsync();

        Assert.IsType<AccessKeyRotated>(await second.Events.OutcomeAsync(rotation));
        Assert.Equal(1, second.Rotation.ReplaceCalls);
    }

    private static async Task<EnvironmentRequest> ProvisionedAsync(SagaTestHost host)
    {
        var request = SagaRequests.AccessKey();
        Assert.IsType<EnvironmentProvisioned>(await host.ProvisionAsync(request));
        return request;
    }

    /// <returns>The rotation's id, once its new key is in place (the grace period has begun).</returns>
    private static async Task<Guid> StartRotationAsync(SagaTestHost host, string environment)
    {
        var rotation = Guid.NewGuid();
        await host.Bus.Publish(new RotateAccessKey(rotation, environment));
        await SagaTestHost.Eventually(() => host.Events.For(rotation).Any(e => e is AccessKeyCreated));
        return rotation;
    }

    private static bool IsRotationCall(string call) => call.StartsWith("replace ", StringComparison.Ordinal) || call.StartsWith("retire ", StringComparison.Ordinal);

    private static async Task<string> StateAsync(SagaTestHost host, string environment) =>
        Assert.IsType<EnvironmentStatus>((await host.StatusAsync(environment)).Message).State;
}
