using Provisioner.Contracts;

namespace Provisioner.Worker.Tests.StateMachine;

/// <summary>
/// An environment is its tenant's (issue 18): another tenant's request for it is answered as for a name nobody has, and
/// changes nothing; an admin may act on any. Its identity is pinned by its first successful run.
/// </summary>
public sealed class TenancySagaTests
{
    private static readonly Caller TenantA = new("a-ci", "tenant-a", false);
    private static readonly Caller TenantB = new("b-ci", "tenant-b", false);
    private static readonly Caller Admin = new("platform", "platform", true);

    [Fact]
    public async Task Provision_AnotherTenantsEnvironment_RefusedWithoutSayingWhoseAndNothingCalled()
    {
        await using var host = await SagaTestHost.StartAsync();
        var request = SagaRequests.Valid();
        await Publish(host, new ProvisionEnvironment(Guid.NewGuid(), request) { Caller = TenantA });
        var calls = host.Log.Calls.Count;
        var hostile = request with
        {
            Kubernetes = request.Kubernetes with { OidcIssuer = "https://attacker.example.test", Namespace = "attacker", CreateOidcProvider = true },
            CrossAccount = [new CrossAccountGrant { Principal = "arn:aws:iam::999999999999:root", Permissions = "read-write" }],
        };

        var outcome = await Publish(host, new ProvisionEnvironment(Guid.NewGuid(), hostile) { Caller = TenantB });

        var rejected = Assert.IsType<EnvironmentRequestRejected>(outcome);
        Assert.Equal(("environment", $"the name '{request.Environment}' is not available; choose another"),
            (rejected.Problems.Single().Field, rejected.Problems.Single().Message));
        Assert.Equal(calls, host.Log.Calls.Count);
        Assert.Equal("tenant-a", (await host.LoadAsync(request.Environment)).Tenant);
    }

    [Fact]
    public async Task Provision_EnvironmentFromBeforeTenants_TheDefaultTenantsNotClaimableByAnother()
    {
        await using var host = await SagaTestHost.StartAsync();
        var request = SagaRequests.Valid();
        await Publish(host, new ProvisionEnvironment(Guid.NewGuid(), request) { Caller = TenantA });
        var legacy = await host.LoadAsync(request.Environment);
        legacy.Tenant = null; // as stored before tenants existed
        await host.Table.UpdateAsync(legacy, default);
        var calls = host.Log.Calls.Count;

        var outcome = await Publish(host, new ProvisionEnvironment(Guid.NewGuid(), request) { Caller = TenantB });

        Assert.IsType<EnvironmentRequestRejected>(outcome);
        Assert.Equal(calls, host.Log.Calls.Count);
        Assert.Null((await host.LoadAsync(request.Environment)).Tenant);
    }

    [Fact]
    public async Task Deprovision_AnotherTenantsEnvironment_AnsweredAsUnknownAndNothingRemoved()
    {
        await using var host = await SagaTestHost.StartAsync();
        var request = SagaRequests.Valid();
        await Publish(host, new ProvisionEnvironment(Guid.NewGuid(), request) { Caller = TenantA });

        var outcome = await Publish(host, new DeprovisionEnvironment(Guid.NewGuid(), request.Environment, true) { Caller = TenantB });

        Assert.Equal($"there is no environment named '{request.Environment}'", Assert.IsType<EnvironmentDeprovisionFailed>(outcome).Reason);
        Assert.Equal((1, 1, 1), (host.Bucket.Count, host.Policy.Count, host.Role.Count));
    }

    [Fact]
    public async Task Status_AnotherTenantsEnvironment_NotFound()
    {
        await using var host = await SagaTestHost.StartAsync();
        var request = SagaRequests.Valid();
        await Publish(host, new ProvisionEnvironment(Guid.NewGuid(), request) { Caller = TenantA });

        var response = await host.Harness.GetRequestClient<GetEnvironmentStatus>()
            .GetResponse<EnvironmentStatus, EnvironmentNotFound>(new GetEnvironmentStatus(Guid.NewGuid(), request.Environment) { Caller = TenantB });

        Assert.IsType<EnvironmentNotFound>(response.Message);
    }

    [Fact]
    public async Task Deprovision_ByAnAdminOfAnotherTenant_Removes()
    {
        await using var host = await SagaTestHost.StartAsync();
        var request = SagaRequests.Valid();
        await Publish(host, new ProvisionEnvironment(Guid.NewGuid(), request) { Caller = TenantA });

        var outcome = await Publish(host, new DeprovisionEnvironment(Guid.NewGuid(), request.Environment, true) { Caller = Admin });

        Assert.IsType<EnvironmentDeprovisioned>(outcome);
        Assert.Equal(0, host.Bucket.Count + host.Policy.Count + host.Role.Count);
    }

    [Theory]
    [InlineData("kubernetes.namespace")]
    [InlineData("kubernetes.serviceAccount")]
    [InlineData("kubernetes.oidcIssuer")]
    [InlineData("access.mode")]
    [InlineData("aws.accountId")]
    public async Task Reconcile_ChangesAPinnedField_RejectedNamingItAndNothingCalled(string field)
    {
        await using var host = await SagaTestHost.StartAsync();
        var request = SagaRequests.Full();
        await host.ProvisionAsync(request);
        var calls = host.Log.Calls.Count;
        var changed = field switch
        {
            "kubernetes.namespace" => request with { Kubernetes = request.Kubernetes with { Namespace = "elsewhere" } },
            "kubernetes.serviceAccount" => request with { Kubernetes = request.Kubernetes with { ServiceAccount = "other-sa" } },
            "kubernetes.oidcIssuer" => request with { Kubernetes = request.Kubernetes with { OidcIssuer = "https://oidc.example.test/id/OTHER" } },
            "access.mode" => request with { Access = request.Access with { Mode = "access-key" } },
            _ => request with { Aws = request.Aws with { AccountId = "999999999999" } },
        };

        var rejected = Assert.IsType<EnvironmentRequestRejected>(await host.ProvisionAsync(changed));

        var problem = Assert.Single(rejected.Problems, p => p.Field == field);
        Assert.Contains("deprovision the environment and create it again", problem.Message);
        Assert.Equal(calls, host.Log.Calls.Count);
    }

    [Fact]
    public async Task Reconcile_CredentialsOfAnotherAccount_FailsAtPlanAndTheAppliedRequestStays()
    {
        await using var host = await SagaTestHost.StartAsync();
        var request = SagaRequests.Valid();
        await host.ProvisionAsync(request);
        host.Facts.AccountId = "999999999999";

        var outcome = Assert.IsType<EnvironmentRolledBack>(await host.ProvisionAsync(request));

        Assert.Equal("plan", outcome.FailedStage);
        Assert.Contains("account 999999999999, but the environment lives in account 123456789012", outcome.Reason);
        Assert.Equal("123456789012", (await host.LoadAsync(request.Environment)).Applied!.AccountId);
    }

    private static async Task<object> Publish(SagaTestHost host, object command)
    {
        var id = (Guid)command.GetType().GetProperty("RequestId")!.GetValue(command)!;
        await host.Bus.Publish(command, command.GetType());
        return await host.Events.OutcomeAsync(id);
    }
}
