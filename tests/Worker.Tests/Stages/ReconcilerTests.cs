using Provisioner.Contracts;
using Provisioner.Worker.Planning;
using Provisioner.Worker.Stages;
using Provisioner.Worker.Tests.Infrastructure;

namespace Provisioner.Worker.Tests.Stages;

/// <summary>The three stages in a row, as the routing slip runs them, and their compensation in reverse order.</summary>
[Collection("moto")]
public sealed class ReconcilerTests(MotoServer moto) : IDisposable
{
    private readonly ResourceHarness harness = new(moto);

    private CancellationToken Ct => harness.Ct;

    public void Dispose() => harness.Dispose();

    [Fact]
    public async Task EnsureAsync_SameEnvironmentByLaterRequest_ChangesNothingAndItsCompensationKeepsEverything()
    {
        var request = TestEnvironments.Request(TestEnvironments.NewName("rec"));
        var first = TestEnvironments.Plan(request with { Kubernetes = request.Kubernetes with { CreateOidcProvider = true } });
        Assert.Equal([Reconciler.Created, Reconciler.Created, Reconciler.Created], await EnsureAllAsync(first));
        var later = TestEnvironments.Plan(request, Guid.NewGuid());

        var actions = await EnsureAllAsync(later);
        var compensations = await RemoveAllAsync(later, onlyCreatedBy: later.RunId);

        Assert.Equal([Reconciler.Unchanged, Reconciler.Unchanged, Reconciler.Unchanged], actions);
        Assert.All(compensations, c => Assert.Equal((Reconciler.Retained, "existed before this run, which did not change it"), c));
        Assert.Equal([Reconciler.Unchanged, Reconciler.Unchanged, Reconciler.Unchanged], await EnsureAllAsync(first));
    }

    [Fact]
    public async Task RemoveAsync_CompensationOfCreatingRequestInReverseOrder_LeavesOnlyTheSharedOidcProvider()
    {
        var request = TestEnvironments.Request(TestEnvironments.NewName("rec"));
        var plan = TestEnvironments.Plan(request with { Kubernetes = request.Kubernetes with { CreateOidcProvider = true } });
        await EnsureAllAsync(plan);

        var compensations = await RemoveAllAsync(plan, onlyCreatedBy: plan.RunId);

        Assert.All(compensations, c => Assert.Equal((Reconciler.Deleted, "created by this run"), c));
        Assert.False((await harness.Bucket.ObserveAsync(plan.Bucket, plan.Environment, Ct)).Exists);
        Assert.False((await harness.Policy.ObserveAsync(plan.AccessPolicy, plan.Environment, Ct)).Exists);
        Assert.False((await harness.Role.ObserveAsync(plan.Role, plan.Environment, Ct)).Exists);
        // Every environment of the cluster trusts the same provider: compensation never deletes it.
        Assert.Equal(plan.Role.OidcProviderArn,
            await harness.Iam.OpenIdConnectProviders.FindOpenIdConnectProviderArnAsync(plan.Role.OidcIssuer, Ct));
    }

    private async Task<string[]> EnsureAllAsync(EnvironmentPlan plan) =>
    [
        await TestReconciler.EnsureAsync(harness.Bucket, plan.Bucket, StageNames.Bucket, plan.Bucket.Name, plan.Environment, Ct),
        await TestReconciler.EnsureAsync(harness.Policy, plan.AccessPolicy, StageNames.AccessPolicy, plan.AccessPolicy.Name, plan.Environment, Ct),
        await TestReconciler.EnsureAsync(harness.Role, plan.Role, StageNames.Role, plan.Role.Name, plan.Environment, Ct),
    ];

    private async Task<(string Action, string? Detail)[]> RemoveAllAsync(EnvironmentPlan plan, Guid onlyCreatedBy) =>
    [
        await TestReconciler.RemoveAsync(harness.Role, plan.Role, plan.Environment, onlyCreatedBy, Ct),
        await TestReconciler.RemoveAsync(harness.Policy, plan.AccessPolicy, plan.Environment, onlyCreatedBy, Ct),
        await TestReconciler.RemoveAsync(harness.Bucket, plan.Bucket, plan.Environment, onlyCreatedBy, Ct),
    ];
}
