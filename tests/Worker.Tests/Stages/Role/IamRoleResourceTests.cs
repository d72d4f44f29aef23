using Provisioner.Contracts;
using Provisioner.Worker.Aws;
using Provisioner.Worker.Planning;
using Provisioner.Worker.Stages;
using Provisioner.Worker.Stages.Role;
using Provisioner.Worker.Tests.Infrastructure;

namespace Provisioner.Worker.Tests.Stages.Role;

[Collection("moto")]
public sealed class IamRoleResourceTests(MotoServer moto) : IDisposable
{
    private readonly ResourceHarness harness = new(moto);

    private CancellationToken Ct => harness.Ct;

    public void Dispose() => harness.Dispose();

    [Fact]
    public async Task EnsureAsync_Missing_CreatesRoleTrustingOnlyTheServiceAccountWithPolicyAttached()
    {
        var plan = await ReadyPlanAsync(TestEnvironments.Request(TestEnvironments.NewName("role")));

        var action = await EnsureAsync(plan);

        Assert.Equal(Reconciler.Created, action);
        await AssertOursAndUpToDateAsync(plan);
        var role = await harness.Iam.Roles.GetRoleAsync(plan.Role.Name, Ct);
        Assert.NotNull(role);
        Assert.Equal(("/", plan.Role.Arn, null), (role.Path, role.Arn, role.PermissionsBoundaryArn));
        JsonAssert.Equivalent(plan.Role.TrustPolicy, role.AssumeRolePolicyDocument);
        JsonAssert.Equivalent(TrustDocument(plan.Role.OidcIssuer, "milvus", "milvus-s3-access-sa"), role.AssumeRolePolicyDocument);
        Assert.Equal([plan.AccessPolicy.Arn], await harness.Iam.Roles.ListAttachedRolePoliciesAsync(plan.Role.Name, Ct));
        Assert.Equal(plan.Role.Tags.OrderBy(t => t.Key), role.Tags.OrderBy(t => t.Key));
    }

    [Fact]
    public async Task EnsureAsync_MissingWithPathAndPermissionsBoundary_CreatesRoleWithBoth()
    {
        var boundary = await NewBoundaryAsync();
        var request = TestEnvironments.Request(TestEnvironments.NewName("role"));
        var plan = await ReadyPlanAsync(request with { Access = request.Access with { RolePath = "/milvus/", PermissionsBoundary = boundary } });

        var action = await EnsureAsync(plan);

        Assert.Equal(Reconciler.Created, action);
        var role = await harness.Iam.Roles.GetRoleAsync(plan.Role.Name, Ct);
        Assert.NotNull(role);
        Assert.Equal(("/milvus/", $"arn:aws:iam::{MotoServer.AccountId}:role/milvus/{plan.Role.Name}", boundary),
            (role.Path, role.Arn, role.PermissionsBoundaryArn));
        Assert.Equal([plan.AccessPolicy.Arn], await harness.Iam.Roles.ListAttachedRolePoliciesAsync(plan.Role.Name, Ct));
        await AssertOursAndUpToDateAsync(plan);
    }

    [Fact]
    public async Task EnsureAsync_PresentAndOurs_ReturnsUnchanged()
    {
        var plan = await ReadyPlanAsync(TestEnvironments.Request(TestEnvironments.NewName("role")));
        await EnsureAsync(plan);

        var action = await EnsureAsync(plan);

        Assert.Equal(Reconciler.Unchanged, action);
    }

    [Fact]
    public async Task EnsureAsync_ForeignRoleOfSameName_ThrowsConflictAndLeavesItAlone()
    {
        var plan = await ReadyPlanAsync(TestEnvironments.Request(TestEnvironments.NewName("role")));
        await harness.Iam.Roles.CreateRoleAsync(plan.Role.Name, "/", plan.Role.TrustPolicy, null, null, new Dictionary<string, string>(), Ct);

        var error = await Assert.ThrowsAsync<ResourceConflictException>(() => EnsureAsync(plan));

        Assert.Equal((StageNames.Role, plan.Role.Name), (error.Kind, error.Name));
        Assert.Empty(await harness.Iam.Roles.ListAttachedRolePoliciesAsync(plan.Role.Name, Ct));
        Assert.Empty((await harness.Iam.Roles.GetRoleAsync(plan.Role.Name, Ct))!.Tags);
    }

    [Fact]
    public async Task EnsureAsync_TrustPolicyWidenedBehindOurBack_RestoresPlannedTrust()
    {
        var plan = await CreatedPlanAsync();
        var widened = TrustDocument(plan.Role.OidcIssuer, "milvus", "*").Replace("StringEquals", "StringLike", StringComparison.Ordinal);
        await harness.Iam.Roles.UpdateAssumeRolePolicyAsync(plan.Role.Name, widened, Ct);
        Assert.Equal([IamRoleResource.Trust], (await ObserveAsync(plan)).Drift);

        var action = await EnsureAsync(plan);

        Assert.Equal(Reconciler.Updated, action);
        JsonAssert.Equivalent(plan.Role.TrustPolicy, (await harness.Iam.Roles.GetRoleAsync(plan.Role.Name, Ct))?.AssumeRolePolicyDocument);
        await AssertOursAndUpToDateAsync(plan);
    }

    [Fact]
    public async Task EnsureAsync_TagRemovedAndPolicyDetachedBehindOurBack_RestoresBothKeepingCreator()
    {
        var request = TestEnvironments.Request(TestEnvironments.NewName("role"));
        var plan = await ReadyPlanAsync(request);
        await EnsureAsync(plan);
        await harness.Iam.Roles.UntagRoleAsync(plan.Role.Name, ["team"], Ct);
        await harness.Iam.Roles.DetachRolePolicyAsync(plan.Role.Name, plan.AccessPolicy.Arn, Ct);
        Assert.Equal([IamRoleResource.Attachment, IamRoleResource.Tags], (await ObserveAsync(plan)).Drift.Order());
        var later = TestEnvironments.Plan(request, Guid.NewGuid());

        var action = await EnsureAsync(later);

        Assert.Equal(Reconciler.Updated, action);
        var role = await harness.Iam.Roles.GetRoleAsync(plan.Role.Name, Ct);
        Assert.Equal(("search", plan.RunId.ToString()), (role!.Tags["team"], role.Tags[OwnershipTags.RunId]));
        Assert.Equal([plan.AccessPolicy.Arn], await harness.Iam.Roles.ListAttachedRolePoliciesAsync(plan.Role.Name, Ct));
        await AssertOursAndUpToDateAsync(plan);
    }

    [Fact]
    public async Task EnsureAsync_PermissionsBoundaryRemovedBehindOurBack_PutsItBack()
    {
        var boundary = await NewBoundaryAsync();
        var request = TestEnvironments.Request(TestEnvironments.NewName("role"));
        var plan = await ReadyPlanAsync(request with { Access = request.Access with { PermissionsBoundary = boundary } });
        await EnsureAsync(plan);
        await harness.Iam.Roles.DeleteRolePermissionsBoundaryAsync(plan.Role.Name, Ct);

        var action = await EnsureAsync(plan);

        Assert.Equal(Reconciler.Updated, action);
        Assert.Equal(boundary, (await harness.Iam.Roles.GetRoleAsync(plan.Role.Name, Ct))?.PermissionsBoundaryArn);
        await AssertOursAndUpToDateAsync(plan);
    }

    [Fact]
    public async Task EnsureAsync_OidcProviderMissing_ThrowsNamingTheIssuerAndCreatesNothing()
    {
        var plan = TestEnvironments.Plan(TestEnvironments.Request(TestEnvironments.NewName("role")));
        await EnsurePolicyAsync(plan);

        var error = await Assert.ThrowsAsync<OidcProviderMissingException>(() => EnsureAsync(plan));

        Assert.Equal(plan.Role.OidcIssuer, error.Issuer);
        Assert.Contains(plan.Role.OidcIssuer, error.Message, StringComparison.Ordinal);
        Assert.Null(await harness.Iam.Roles.GetRoleAsync(plan.Role.Name, Ct));
        Assert.Null(await harness.Iam.OpenIdConnectProviders.FindOpenIdConnectProviderArnAsync(plan.Role.OidcIssuer, Ct));
    }

    [Fact]
    public async Task EnsureAsync_OidcProviderMissingAndCreationRequested_CreatesProviderThenRole()
    {
        var request = TestEnvironments.Request(TestEnvironments.NewName("role"));
        var plan = TestEnvironments.Plan(request with { Kubernetes = request.Kubernetes with { CreateOidcProvider = true } });
        await EnsurePolicyAsync(plan);

        var action = await EnsureAsync(plan);

        Assert.Equal(Reconciler.Created, action);
        var providerArn = await harness.Iam.OpenIdConnectProviders.FindOpenIdConnectProviderArnAsync(plan.Role.OidcIssuer, Ct);
        Assert.Equal(plan.Role.OidcProviderArn, providerArn);
        var provider = await harness.Iam.OpenIdConnectProviders.GetOpenIdConnectProviderAsync(providerArn!, Ct);
        Assert.Equal(["sts.amazonaws.com"], provider?.ClientIds);
        await AssertOursAndUpToDateAsync(plan);
    }

    [Fact]
    public async Task EnsureAsync_AttachFailsBecausePolicyDoesNotExist_RemovesTheHalfMadeRole()
    {
        var plan = TestEnvironments.Plan(TestEnvironments.Request(TestEnvironments.NewName("role")));
        await CreateProviderAsync(plan);

        var error = await Assert.ThrowsAsync<AwsException>(() => EnsureAsync(plan));

        Assert.Equal("NoSuchEntity", error.Code);
        Assert.Null(await harness.Iam.Roles.GetRoleAsync(plan.Role.Name, Ct));
    }

    [Fact]
    public async Task DeleteAsync_Missing_Succeeds()
    {
        var plan = TestEnvironments.Plan(TestEnvironments.Request(TestEnvironments.NewName("role")));

        await harness.Role.DeleteAsync(plan.Role, Ct);

        Assert.Equal((Reconciler.Absent, null), await TestReconciler.RemoveAsync(harness.Role, plan.Role, plan.Environment, null, Ct));
    }

    [Fact]
    public async Task RemoveAsync_OnlyCreatedByAnotherRequest_RetainsRoleAndAttachment()
    {
        var plan = await CreatedPlanAsync();

        var result = await TestReconciler.RemoveAsync(harness.Role, plan.Role, plan.Environment, Guid.NewGuid(), Ct);

        Assert.Equal((Reconciler.Retained, "existed before this run, which did not change it"), result);
        Assert.Equal([plan.AccessPolicy.Arn], await harness.Iam.Roles.ListAttachedRolePoliciesAsync(plan.Role.Name, Ct));
    }

    [Fact]
    public async Task RemoveAsync_CreatedByThisRequest_DetachesPolicyFirstSoThePolicyCanGoToo()
    {
        var plan = await CreatedPlanAsync();
        Assert.Equal(1, (await harness.Iam.Policies.GetPolicyAsync(plan.AccessPolicy.Arn, Ct))?.AttachmentCount);

        var result = await TestReconciler.RemoveAsync(harness.Role, plan.Role, plan.Environment, plan.RunId, Ct);

        Assert.Equal((Reconciler.Deleted, "created by this run"), result);
        Assert.Null(await harness.Iam.Roles.GetRoleAsync(plan.Role.Name, Ct));
        // moto would delete an attached policy anyway (AWS refuses), so the count is what proves the detach.
        Assert.Equal(0, (await harness.Iam.Policies.GetPolicyAsync(plan.AccessPolicy.Arn, Ct))?.AttachmentCount);
        Assert.Equal((Reconciler.Deleted, "created by this run"),
            await TestReconciler.RemoveAsync(harness.Policy, plan.AccessPolicy, plan.Environment, plan.RunId, Ct));
        Assert.Null(await harness.Iam.Policies.GetPolicyAsync(plan.AccessPolicy.Arn, Ct));
    }

    /// <summary>The guide's IRSA trust, written out here rather than taken from the planner, so a planner bug cannot hide.</summary>
    private static string TrustDocument(string issuer, string ns, string serviceAccount)
    {
        var hostPath = issuer["https://".Length..];
        return $$"""
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow",
              "Principal":{"Federated":"arn:aws:iam::{{MotoServer.AccountId}}:oidc-provider/{{hostPath}}"},
              "Action":"sts:AssumeRoleWithWebIdentity",
              "Condition":{"StringEquals":{
                "{{hostPath}}:sub":"system:serviceaccount:{{ns}}:{{serviceAccount}}",
                "{{hostPath}}:aud":"sts.amazonaws.com" } } } ] }
            """;
    }

    /// <summary>What the stages before the role leave behind: the policy, and the cluster's OIDC provider (eksctl's job).</summary>
    private async Task<EnvironmentPlan> ReadyPlanAsync(EnvironmentRequest request)
    {
        var plan = TestEnvironments.Plan(request);
        await EnsurePolicyAsync(plan);
        await CreateProviderAsync(plan);
        return plan;
    }

    private async Task<EnvironmentPlan> CreatedPlanAsync()
    {
        var plan = await ReadyPlanAsync(TestEnvironments.Request(TestEnvironments.NewName("role")));
        Assert.Equal(Reconciler.Created, await EnsureAsync(plan));
        return plan;
    }

    private Task EnsurePolicyAsync(EnvironmentPlan plan) => TestReconciler.EnsureAsync(harness.Policy, plan.AccessPolicy,
        StageNames.AccessPolicy, plan.AccessPolicy.Name, plan.Environment, Ct);

    private Task CreateProviderAsync(EnvironmentPlan plan) => harness.Iam.OpenIdConnectProviders.CreateOpenIdConnectProviderAsync(
        plan.Role.OidcIssuer, ["sts.amazonaws.com"], [], new Dictionary<string, string>(), Ct);

    private async Task<string> NewBoundaryAsync() => (await harness.Iam.Policies.CreatePolicyAsync(TestEnvironments.NewName("boundary"), "/",
        """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}""", null,
        new Dictionary<string, string>(), Ct)).Arn;

    private Task<string> EnsureAsync(EnvironmentPlan plan) =>
        TestReconciler.EnsureAsync(harness.Role, plan.Role, StageNames.Role, plan.Role.Name, plan.Environment, Ct);

    private Task<Observation> ObserveAsync(EnvironmentPlan plan) => harness.Role.ObserveAsync(plan.Role, plan.Environment, Ct);

    private async Task AssertOursAndUpToDateAsync(EnvironmentPlan plan)
    {
        var observed = await ObserveAsync(plan);
        Assert.True(observed.Exists);
        Assert.True(OwnershipTags.IsOwnedBy(observed.Tags, plan.Environment));
        Assert.Empty(observed.Drift);
    }

    [Fact]
    public async Task CompensateAsync_LaterRunAddedABoundaryAndChangedTags_RoleAsItWas()
    {
        var request = TestEnvironments.Request(TestEnvironments.NewName("role")) with { Kubernetes = new() { OidcIssuer = TestEnvironments.NewIssuer(), Manage = false, CreateOidcProvider = true } };
        var boundary = (await harness.Iam.Policies.CreatePolicyAsync($"milvus-boundary-{Guid.NewGuid():N}"[..40], "/",
            """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}""", "boundary", new Dictionary<string, string>(), Ct)).Arn;
        var first = TestEnvironments.Plan(request);
        var later = TestEnvironments.Plan(request with
        {
            Access = request.Access with { PermissionsBoundary = boundary },
            Bucket = request.Bucket with { Tags = new Dictionary<string, string> { ["team"] = "ml" } },
        });
        await EnsurePolicyAsync(first);
        Worker.Aws.Iam.IamRole? before = null;

        var (action, _) = await RollbackScene.UpdateThenCompensateAsync(harness.Role, first.Role, later.Role, first.Environment, Ct,
            async () => before = await harness.Iam.Roles.GetRoleAsync(first.Role.Name, Ct));

        Assert.Equal(Reconciler.Restored, action);
        var role = await harness.Iam.Roles.GetRoleAsync(first.Role.Name, Ct);
        Assert.Null(role!.PermissionsBoundaryArn);
        Assert.Equal(first.Role.Tags.OrderBy(t => t.Key), role.Tags.OrderBy(t => t.Key));
        Assert.Equal(before!.AssumeRolePolicyDocument, role.AssumeRolePolicyDocument);
        Assert.Equal([first.AccessPolicy.Arn], await harness.Iam.Roles.ListAttachedRolePoliciesAsync(first.Role.Name, Ct));
    }
}
