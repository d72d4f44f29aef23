using Provisioner.Contracts;
using Provisioner.Worker.Stages;

namespace Provisioner.Worker.Tests.StateMachine;

public sealed class CrossAccountSagaTests
{
    private static EnvironmentRequest WithGrants(string? environment = null, string permissions = "read-only") =>
        SagaRequests.Valid(environment) with
        {
            CrossAccount = [new CrossAccountGrant { Principal = "arn:aws:iam::210987654321:role/analytics", Permissions = permissions }],
        };

    [Fact]
    public async Task Provision_WithGrants_BucketPolicyRunsRightAfterBucket()
    {
        await using var host = await SagaTestHost.StartAsync();
        var id = Guid.NewGuid();

        var outcome = await host.ProvisionAsync(WithGrants(), id);

        var provisioned = Assert.IsType<EnvironmentProvisioned>(outcome);
        Assert.Equal(["started", "completed bucket", "completed bucket-policy", "completed access-policy", "completed role",
            "completed verify", "provisioned"], host.Events.For(id).Select(EventRecorder.Describe));
        Assert.Equal(["create bucket", "create bucket-policy", "create access-policy", "create role", "verify"], host.Log.Calls);
        Assert.Contains(StageNames.BucketPolicy, provisioned.Resources.Keys);
    }

    [Fact]
    public async Task Provision_WithoutGrants_NoBucketPolicyStage()
    {
        await using var host = await SagaTestHost.StartAsync();

        await host.ProvisionAsync(SagaRequests.Valid());

        Assert.DoesNotContain("create bucket-policy", host.Log.Calls);
    }

    [Fact]
    public async Task Provision_LaterStageFails_BucketPolicyCompensatedBetweenAccessPolicyAndBucket()
    {
        await using var host = await SagaTestHost.StartAsync();
        host.Role.FailCreate = new ResourceConflictException(StageNames.Role, "x", "is not ours");
        var id = Guid.NewGuid();

        var outcome = await host.ProvisionAsync(WithGrants(), id);

        Assert.Equal(StageNames.Role, Assert.IsType<EnvironmentRolledBack>(outcome).FailedStage);
        Assert.Equal(["started", "completed bucket", "completed bucket-policy", "completed access-policy", "failed role",
            "compensated access-policy", "compensated bucket-policy", "compensated bucket", "rolled-back role"],
            host.Events.For(id).Select(EventRecorder.Describe));
        Assert.Equal(["create bucket", "create bucket-policy", "create access-policy", "create role",
            "delete access-policy", "delete bucket-policy", "delete bucket"], host.Log.Calls);
        Assert.Equal(0, host.BucketPolicy.Count);
    }

    [Fact]
    public async Task Provision_BucketPolicyFails_OnlyBucketCompensated()
    {
        await using var host = await SagaTestHost.StartAsync();
        host.BucketPolicy.FailCreate = new ResourceConflictException(StageNames.BucketPolicy, "x", "is not ours");
        var id = Guid.NewGuid();

        var outcome = await host.ProvisionAsync(WithGrants(), id);

        Assert.Equal(StageNames.BucketPolicy, Assert.IsType<EnvironmentRolledBack>(outcome).FailedStage);
        Assert.Equal(["create bucket", "create bucket-policy", "delete bucket"], host.Log.Calls);
    }

    [Fact]
    public async Task Provision_ReconcileWithChangedGrants_UpdatesOnlyTheBucketPolicy()
    {
        await using var host = await SagaTestHost.StartAsync();
        var environment = $"env-{Guid.NewGuid():N}"[..20];
        Assert.IsType<EnvironmentProvisioned>(await host.ProvisionAsync(WithGrants(environment)));
        var before = host.Log.Calls.Count;

        var outcome = await host.ProvisionAsync(WithGrants(environment, "read-write"));

        Assert.IsType<EnvironmentProvisioned>(outcome);
        Assert.Equal(["update bucket-policy", "verify"], host.Log.Calls.Skip(before));
        Assert.Equal(1, host.BucketPolicy.Count);
    }

    [Fact]
    public async Task Deprovision_WithGrants_RevokesOurStatementsEvenWhenTheBucketIsKept()
    {
        await using var host = await SagaTestHost.StartAsync();
        var request = WithGrants();
        await host.ProvisionAsync(request);
        var before = host.Log.Calls.Count;

        Assert.IsType<EnvironmentDeprovisioned>(await host.DeprovisionAsync(request.Environment));

        Assert.Equal(["delete role", "delete access-policy", "delete bucket-policy"], host.Log.Calls.Skip(before));
        Assert.Equal((1, 0), (host.Bucket.Count, host.BucketPolicy.Count));
    }
}
