using System.Text.Json;
using Provisioner.Contracts;
using Provisioner.Worker.Planning;
using Provisioner.Worker.Stages;
using Provisioner.Worker.Stages.AccessPolicy;

namespace Provisioner.Worker.Tests.StateMachine;

/// <summary>
/// Rollback means rollback (issue 13): what a run updated is put back, what was applied stays applied, the inventory
/// — not a re-derived plan — is what deprovisioning removes, and a request id is a duplicate for good.
/// </summary>
public sealed class RollbackSagaTests
{
    [Fact]
    public async Task Reconcile_UpdatesThenFailsAtALaterStage_RestoresWhatItUpdatedAndTheAppliedRequestStays()
    {
        await using var host = await SagaTestHost.StartAsync();
        var request = SagaRequests.Valid();
        await host.ProvisionAsync(request);
        var applied = Policy(host, request);
        host.Verifier.Differences = ["role: trust policy differs"];
        var id = Guid.NewGuid();

        var outcome = await host.ProvisionAsync(request with { Access = request.Access with { Permissions = "read-only" } }, id);

        Assert.IsType<EnvironmentRolledBack>(outcome);
        Assert.Contains("update access-policy", host.Log.Calls);
        Assert.Contains("restore access-policy", host.Log.Calls);
        Assert.Equal(("read-write", applied!.Document), (Policy(host, request)!.Permissions, Policy(host, request)!.Document));
        var compensations = host.Events.For(id).OfType<StageCompensated>().ToDictionary(s => s.Stage);
        Assert.Equal((Reconciler.Restored, "plan restored"), (compensations["access-policy"].Action, compensations["access-policy"].Detail));
        Assert.Equal(Reconciler.Retained, compensations["role"].Action);
        Assert.Equal("existed before this run, which did not change it", compensations["bucket"].Detail);
        var saga = await host.LoadAsync(request.Environment);
        Assert.Equal("read-write", saga.Applied!.Request.Access.Permissions);
    }

    [Fact]
    public async Task FirstRun_FailsLate_CompensationSaysItDeletedWhatItCreated()
    {
        await using var host = await SagaTestHost.StartAsync();
        host.Verifier.Differences = ["policy: extra statement"];
        var id = Guid.NewGuid();

        await host.ProvisionAsync(SagaRequests.Valid(), id);

        Assert.All(host.Events.For(id).OfType<StageCompensated>(), s => Assert.Equal((Reconciler.Deleted, "created by this run"), (s.Action, s.Detail)));
        Assert.Equal(0, host.Bucket.Count + host.Policy.Count + host.Role.Count);
    }

    [Fact]
    public async Task RequestId_ReusedAfterTwentyOtherRequestsAndAReconcile_IsADuplicateNotANewRun()
    {
        await using var host = await SagaTestHost.StartAsync();
        var request = SagaRequests.Valid();
        var reused = Guid.NewGuid();
        var first = Assert.IsType<EnvironmentProvisioned>(await host.ProvisionAsync(request, reused));
        host.Facts.Failure = "cannot tell which AWS account the worker's credentials belong to";
        for (var i = 0; i < 19; i++) Assert.IsType<EnvironmentRolledBack>(await host.ProvisionAsync(request));
        host.Facts.Failure = null;
        Assert.IsType<EnvironmentProvisioned>(await host.ProvisionAsync(request));
        host.Role.FailDelete = new InvalidOperationException("must not be called");
        var calls = host.Log.Calls.Count;

        // The same id again, now with a request that would fail: it is the first request's duplicate and gets its answer.
        host.Verifier.Differences = ["anything"];
        await host.Bus.Publish(new ProvisionEnvironment(reused, request with { Access = request.Access with { Permissions = "read-only" } }));
        await SagaTestHost.Eventually(() => host.Events.For(reused).OfType<EnvironmentProvisioned>().Count() == 2);

        // The same event (so the same CloudEvent id downstream): its data, timestamp included, is the first answer's.
        Assert.Equal(JsonSerializer.Serialize(first), JsonSerializer.Serialize(host.Events.For(reused).OfType<EnvironmentProvisioned>().Last()));
        Assert.Equal(calls, host.Log.Calls.Count);
        Assert.Equal((1, 1, 1), (host.Bucket.Count, host.Policy.Count, host.Role.Count));
    }

    [Fact]
    public async Task FailedAttemptWithOtherNames_ThenDeprovisionWithDeleteData_RemovesTheResourcesThatReallyExist()
    {
        await using var host = await SagaTestHost.StartAsync();
        var request = SagaRequests.Valid();
        await host.ProvisionAsync(request);
        host.Facts.Failure = "the request is for account 999999999999 but the worker's credentials are for account 123456789012";
        var other = request with
        {
            Bucket = new BucketSpec { Name = $"other-{request.Environment}" },
            Access = request.Access with { RoleName = "milvus-other-role", PolicyName = "milvus-other-policy" },
        };
        Assert.IsType<EnvironmentRolledBack>(await host.ProvisionAsync(other));
        host.Facts.Failure = null;

        var outcome = await host.DeprovisionAsync(request.Environment, deleteData: true);

        Assert.Empty(Assert.IsType<EnvironmentDeprovisioned>(outcome).Retained);
        Assert.Equal(0, host.Bucket.Count + host.Policy.Count + host.Role.Count);
        Assert.Contains("delete role", host.Log.Calls);
        Assert.Empty((await host.LoadAsync(request.Environment)).Inventory);
    }

    [Fact]
    public async Task Reconcile_RenamesTheBucket_CreatesTheNewOneAndPrunesTheOldAfterVerification()
    {
        await using var host = await SagaTestHost.StartAsync();
        var request = SagaRequests.Valid();
        await host.ProvisionAsync(request);
        var renamed = request with { Bucket = new BucketSpec { Name = $"renamed-{request.Environment}" } };
        var id = Guid.NewGuid();

        Assert.IsType<EnvironmentProvisioned>(await host.ProvisionAsync(renamed, id));

        Assert.Equal(["started", "completed bucket", "completed access-policy", "completed role", "completed verify", "completed prune:bucket",
            "provisioned"], host.Events.For(id).Select(EventRecorder.Describe));
        Assert.Equal(1, host.Bucket.Count);
        Assert.True(host.Bucket.Exists(Planner.Plan(renamed, Guid.NewGuid(), new PlanFacts("123456789012", "https://oidc.example.test/id/ABC")).Bucket));
        var inventory = (await host.LoadAsync(request.Environment)).Inventory;
        Assert.Equal([$"renamed-{request.Environment}"], inventory.Where(i => i.Stage == StageNames.Bucket).Select(i => i.Name));
    }

    [Fact]
    public async Task Reconcile_RenamedBucketHoldsData_OldOneKeptAndListedThenDeprovisionWithDeleteDataRemovesBoth()
    {
        await using var host = await SagaTestHost.StartAsync();
        var request = SagaRequests.Valid();
        await host.ProvisionAsync(request);
        host.Bucket.FailDelete = new ResourceRetainedException("bucket", "old", "it holds objects");
        var renamed = request with { Bucket = new BucketSpec { Name = $"renamed-{request.Environment}" } };

        var provisioned = Assert.IsType<EnvironmentProvisioned>(await host.ProvisionAsync(renamed));
        var status = Assert.IsType<EnvironmentStatus>((await host.StatusAsync(request.Environment)).Message);
        host.Bucket.FailDelete = null;
        var removed = await host.DeprovisionAsync(request.Environment, deleteData: true);

        Assert.DoesNotContain("prune:bucket", provisioned.Resources.Keys);
        Assert.Single(status.Leftovers, l => l.StartsWith("prune:bucket", StringComparison.Ordinal) && l.Contains("holds objects"));
        Assert.IsType<EnvironmentDeprovisioned>(removed);
        Assert.Equal(0, host.Bucket.Count);
    }

    private static AccessPolicyPlan? Policy(SagaTestHost host, EnvironmentRequest request) =>
        host.Policy.Current(Planner.Plan(request, Guid.NewGuid(), new PlanFacts("123456789012", "https://oidc.example.test/id/ABC")).AccessPolicy);
}
