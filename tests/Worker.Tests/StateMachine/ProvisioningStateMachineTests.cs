using Provisioner.Contracts;
using Provisioner.Worker.Planning;
using Provisioner.Worker.Stages;

namespace Provisioner.Worker.Tests.StateMachine;

public sealed class ProvisioningStateMachineTests
{
    [Fact]
    public async Task Provision_AllStagesSucceed_EventsInStageOrderAndProvisioned()
    {
        await using var host = await SagaTestHost.StartAsync();
        var id = Guid.NewGuid();

        var outcome = await host.ProvisionAsync(SagaRequests.Valid(), id);

        Assert.IsType<EnvironmentProvisioned>(outcome);
        Assert.Equal(["started", "completed bucket", "completed access-policy", "completed role", "completed verify", "provisioned"],
            host.Events.For(id).Select(EventRecorder.Describe));
        Assert.Equal(["create bucket", "create access-policy", "create role", "verify"], host.Log.Calls);
        var provisioned = (EnvironmentProvisioned)outcome;
        Assert.Equal(["bucket", "access-policy", "role", "verify"], provisioned.Resources.Keys.Order(Comparer<string>.Create(StageOrder)));
        Assert.Equal("skipped: test", provisioned.Resources["verify"]["probe"]);
    }

    public static TheoryData<string, string[], string[]> Failures => new()
    {
        { StageNames.Bucket, ["started", "failed bucket", "rolled-back bucket"], ["create bucket"] },
        { StageNames.AccessPolicy, ["started", "completed bucket", "failed access-policy", "compensated bucket", "rolled-back access-policy"],
            ["create bucket", "create access-policy", "delete bucket"] },
        { StageNames.Role, ["started", "completed bucket", "completed access-policy", "failed role", "compensated access-policy",
            "compensated bucket", "rolled-back role"],
            ["create bucket", "create access-policy", "create role", "delete access-policy", "delete bucket"] },
        { StageNames.Verify, ["started", "completed bucket", "completed access-policy", "completed role", "failed verify", "compensated role",
            "compensated access-policy", "compensated bucket", "rolled-back verify"],
            ["create bucket", "create access-policy", "create role", "verify", "delete role", "delete access-policy", "delete bucket"] },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task Provision_StageFails_EarlierStagesCompensatedInReverse(string failing, string[] events, string[] calls)
    {
        await using var host = await SagaTestHost.StartAsync();
        Fail(host, failing, new ResourceConflictException(failing, "x", "is not ours"));
        var id = Guid.NewGuid();

        var outcome = await host.ProvisionAsync(SagaRequests.Valid(), id);

        var rolledBack = Assert.IsType<EnvironmentRolledBack>(outcome);
        Assert.Equal(failing, rolledBack.FailedStage);
        Assert.Contains("is not ours", rolledBack.Reason);
        Assert.Equal(events, host.Events.For(id).Select(EventRecorder.Describe));
        Assert.Equal(calls, host.Log.Calls);
        Assert.Equal(0, host.Bucket.Count + host.Policy.Count + host.Role.Count);
    }

    public static TheoryData<string, string[]> KubernetesFailures => new()
    {
        { StageNames.ServiceAccount, ["delete role", "delete access-policy", "delete bucket"] },
        { StageNames.MilvusRelease, ["delete service-account", "delete role", "delete access-policy", "delete bucket"] },
        { StageNames.Verify, ["delete milvus-release", "delete service-account", "delete role", "delete access-policy", "delete bucket"] },
    };

    [Theory]
    [MemberData(nameof(KubernetesFailures))]
    public async Task Provision_KubernetesHalfFails_EverythingBeforeCompensatedInReverse(string failing, string[] compensations)
    {
        await using var host = await SagaTestHost.StartAsync();
        var error = new InvalidOperationException($"{failing} broke");
        switch (failing)
        {
            case StageNames.ServiceAccount: host.ServiceAccount.FailCreate = error; break;
            case StageNames.MilvusRelease: host.Release.FailCreate = error; break;
            default: host.Verifier.Differences = [error.Message]; break;
        }
        var id = Guid.NewGuid();

        var outcome = await host.ProvisionAsync(SagaRequests.Full(), id);

        Assert.Equal(failing, Assert.IsType<EnvironmentRolledBack>(outcome).FailedStage);
        Assert.Equal(compensations, host.Log.Calls.Where(c => c.StartsWith("delete", StringComparison.Ordinal)));
        Assert.Equal(compensations.Select(c => $"compensated {c["delete ".Length..]}"),
            host.Events.For(id).Select(EventRecorder.Describe).Where(d => d.StartsWith("compensated ", StringComparison.Ordinal)));
        Assert.Equal(0, host.Bucket.Count + host.Policy.Count + host.Role.Count + host.ServiceAccount.Count + host.Release.Count);
    }

    [Fact]
    public async Task Provision_FullRequest_RunsAllSixStagesInOrder()
    {
        await using var host = await SagaTestHost.StartAsync();
        var id = Guid.NewGuid();

        var outcome = await host.ProvisionAsync(SagaRequests.Full(), id);
        Assert.True(outcome is EnvironmentProvisioned, (outcome as EnvironmentRolledBack)?.Reason);

        Assert.Equal(["create bucket", "create access-policy", "create role", "create service-account", "create milvus-release", "verify"],
            host.Log.Calls);
    }

    [Fact]
    public async Task Provision_CompensationFails_ReportsLeftovers()
    {
        await using var host = await SagaTestHost.StartAsync();
        host.Role.FailCreate = new InvalidOperationException("role refused");
        host.Bucket.FailDelete = new ResourceRetainedException("bucket", "b", "it holds objects");
        var id = Guid.NewGuid();

        var outcome = await host.ProvisionAsync(SagaRequests.Valid(), id);

        var failed = Assert.IsType<EnvironmentCompensationFailed>(outcome);
        Assert.Equal(StageNames.Role, failed.FailedStage);
        Assert.Single(failed.Leftovers, l => l.StartsWith("bucket:", StringComparison.Ordinal));
        Assert.Equal(["started", "completed bucket", "completed access-policy", "failed role", "compensated access-policy",
            "compensation-failed bucket", "compensation-failed"], host.Events.For(id).Select(EventRecorder.Describe));
        var status = (await host.StatusAsync(failed.Environment)).Message as EnvironmentStatus;
        Assert.Equal("compensation-failed", status!.State);
    }

    [Fact]
    public async Task Provision_DuplicateOfFinishedRequest_SameAnswerAndNoCalls()
    {
        await using var host = await SagaTestHost.StartAsync();
        var request = SagaRequests.Valid();
        var id = Guid.NewGuid();
        await host.ProvisionAsync(request, id);
        var callsBefore = host.Log.Calls.Count;

        await host.Bus.Publish(new ProvisionEnvironment(id, request));
        await SagaTestHost.Eventually(() => host.Events.For(id).Count(e => e is EnvironmentProvisioned) == 2);

        Assert.Equal(callsBefore, host.Log.Calls.Count);
        Assert.Single(host.Events.For(id), e => e is EnvironmentRunStarted);
    }

    [Fact]
    public async Task Provision_SecondRequestForProvisionedEnvironment_ReconcilesWithoutMutating()
    {
        await using var host = await SagaTestHost.StartAsync();
        var request = SagaRequests.Valid();
        await host.ProvisionAsync(request);
        var callsBefore = host.Log.Calls.Count;
        var second = Guid.NewGuid();

        var outcome = await host.ProvisionAsync(request, second);

        Assert.IsType<EnvironmentProvisioned>(outcome);
        Assert.Equal(["verify"], host.Log.Calls.Skip(callsBefore));
        Assert.True(host.Events.For(second).OfType<EnvironmentRunStarted>().Single().Reconcile);
        Assert.All(host.Events.For(second).OfType<StageCompleted>().SkipLast(1), s => Assert.Equal(Reconciler.Unchanged, s.Action));
    }

    [Fact]
    public async Task Provision_ReconcileFails_NothingThatExistedBeforeIsDeleted()
    {
        await using var host = await SagaTestHost.StartAsync();
        var request = SagaRequests.Valid();
        await host.ProvisionAsync(request);
        host.Role.FailCreate = new InvalidOperationException("boom");
        var changed = request with { Access = request.Access with { Permissions = "read-only" } };
        await host.Role.DeleteAsync(Planner.Plan(request, Guid.NewGuid(), new PlanFacts("123456789012", "https://oidc.example.test/id/ABC")).Role, default);

        var outcome = await host.ProvisionAsync(changed);

        Assert.IsType<EnvironmentRolledBack>(outcome);
        Assert.Equal(1, host.Bucket.Count);
        Assert.Equal(1, host.Policy.Count);
        Assert.DoesNotContain("delete bucket", host.Log.Calls);
    }

    [Fact]
    public async Task Provision_WhileARunIsInProgress_SecondRequestRejectedAsBusy()
    {
        await using var host = await SagaTestHost.StartAsync();
        host.Bucket.HoldCreate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var request = SagaRequests.Valid();
        var first = Guid.NewGuid();
        await host.Bus.Publish(new ProvisionEnvironment(first, request));
        await SagaTestHost.Eventually(() => host.Events.For(first).Any(e => e is EnvironmentRunStarted));

        var second = await host.ProvisionAsync(request);
        host.Bucket.HoldCreate.SetResult();

        var rejected = Assert.IsType<EnvironmentRequestRejected>(second);
        Assert.Contains("in progress", rejected.Problems.Single().Message);
        Assert.IsType<EnvironmentProvisioned>(await host.Events.OutcomeAsync(first));
        Assert.Equal(1, host.Bucket.Count);
    }

    [Fact]
    public async Task Provision_InvalidRequest_RejectedWithEveryProblemAndNoCall()
    {
        await using var host = await SagaTestHost.StartAsync();
        var request = SagaRequests.Valid() with { Aws = new AwsSpec { Region = "nowhere" }, Bucket = new BucketSpec { Name = "Bad_Name" } };

        var outcome = await host.ProvisionAsync(request);

        var rejected = Assert.IsType<EnvironmentRequestRejected>(outcome);
        Assert.Contains(rejected.Problems, p => p.Field == "aws.region");
        Assert.Contains(rejected.Problems, p => p.Field == "bucket.name");
        Assert.Empty(host.Log.Calls);
        Assert.Equal(0, host.Facts.Calls);
    }

    [Fact]
    public async Task Provision_FactsCannotBeResolved_RolledBackAtPlanWithoutStages()
    {
        await using var host = await SagaTestHost.StartAsync();
        host.Facts.Failure = "credentials are for account 999999999999";

        var outcome = await host.ProvisionAsync(SagaRequests.Valid());

        var rolledBack = Assert.IsType<EnvironmentRolledBack>(outcome);
        Assert.Equal("plan", rolledBack.FailedStage);
        Assert.Contains("999999999999", rolledBack.Reason);
        Assert.Empty(host.Log.Calls);
    }

    [Fact]
    public async Task Status_KnownAndUnknownEnvironment_AnsweredFromTheSaga()
    {
        await using var host = await SagaTestHost.StartAsync();
        var request = SagaRequests.Valid();
        var id = Guid.NewGuid();
        await host.ProvisionAsync(request, id);

        var known = Assert.IsType<EnvironmentStatus>((await host.StatusAsync(request.Environment)).Message);
        var unknown = (await host.StatusAsync("never-heard-of-it")).Message;

        Assert.Equal("provisioned", known.State);
        Assert.Equal(id, known.RequestId);
        Assert.Equal(["bucket", "access-policy", "role", "verify"], known.Stages.Select(s => s.Stage));
        Assert.All(known.Stages, s => Assert.True(s.StartedAt <= s.CompletedAt));
        Assert.IsType<EnvironmentNotFound>(unknown);
    }

    [Fact]
    public async Task Resume_RunInterruptedByRestart_FinishesOnTheSameResources()
    {
        var database = Path.Combine(Path.GetTempPath(), $"saga-{Guid.NewGuid():N}.db");
        var request = SagaRequests.Valid();
        var id = Guid.NewGuid();
        // The first worker "crashes" mid-stage: its role call never returns and its bus is abandoned, not drained.
        var crashed = await SagaTestHost.StartAsync(database);
        crashed.Role.HoldCreate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await crashed.Bus.Publish(new ProvisionEnvironment(id, request));
        await SagaTestHost.Eventually(() => crashed.Events.For(id).Count(e => e is StageCompleted) == 2);
        // The events leave before the saga row is saved; a real restart comes after the dead process's last write, so
        // wait for the store to hold both completions (a resume names the version it read, and a stale one is dropped).
        await crashed.StoredAsync(request.Environment, 2);

        var hold = crashed.Role.HoldCreate;
        crashed.Role.HoldCreate = null;
        await using var second = await SagaTestHost.StartAsync(database, sameCloudAs: crashed);
        await second.ResumeUnfinishedAsync();
        var outcome = await second.Events.OutcomeAsync(id);
        hold.SetCanceled();
        await crashed.DisposeAsync();

        Assert.IsType<EnvironmentProvisioned>(outcome);
        Assert.Equal(["create bucket", "create access-policy", "create role", "verify"], second.Log.Calls);
        Assert.Equal((1, 1, 1), (second.Bucket.Count, second.Policy.Count, second.Role.Count));
        Assert.Equal(["created", "created", "created", "verified"], second.Events.For(id).OfType<StageCompleted>().Select(s => s.Action));
        var status = Assert.IsType<EnvironmentStatus>((await second.StatusAsync(request.Environment)).Message);
        Assert.Equal("provisioned", status.State);
    }

    private static void Fail(SagaTestHost host, string stage, Exception error)
    {
        switch (stage)
        {
            case StageNames.Bucket: host.Bucket.FailCreate = error; break;
            case StageNames.AccessPolicy: host.Policy.FailCreate = error; break;
            case StageNames.Verify: host.Verifier.Differences = [error.Message]; break;
            default: host.Role.FailCreate = error; break;
        }
    }

    private static int StageOrder(string a, string b) =>
        Array.IndexOf(Order, a).CompareTo(Array.IndexOf(Order, b));

    private static readonly string[] Order = ["bucket", "access-policy", "role", "verify"];
}
