using Provisioner.Contracts;
using Provisioner.Worker.Planning;
using Provisioner.Worker.Stages;
using Provisioner.Worker.Tests.Infrastructure;

namespace Provisioner.Worker.Tests.Stages.AccessPolicy;

[Collection("moto")]
public sealed class IamPolicyResourceTests(MotoServer moto) : IDisposable
{
    private const int IamVersionLimit = 5;

    private readonly ResourceHarness harness = new(moto);

    private CancellationToken Ct => harness.Ct;

    public void Dispose() => harness.Dispose();

    [Fact]
    public async Task EnsureAsync_Missing_CreatesPolicyWithPlannedDocumentAndTags()
    {
        var plan = NewPlan();

        var action = await EnsureAsync(plan);

        Assert.Equal(Reconciler.Created, action);
        await AssertOursAndUpToDateAsync(plan);
        var policy = await harness.Iam.Policies.GetPolicyAsync(plan.AccessPolicy.Arn, Ct);
        Assert.NotNull(policy);
        Assert.Equal((plan.AccessPolicy.Name, "/"), (policy.Name, policy.Path));
        JsonAssert.Equivalent(plan.AccessPolicy.Document, await DefaultDocumentAsync(plan));
        JsonAssert.Equivalent(ReadWriteDocument(plan.Bucket.Name), await DefaultDocumentAsync(plan));
        Assert.Equal(plan.AccessPolicy.Tags.OrderBy(t => t.Key), (await harness.Iam.Policies.ListPolicyTagsAsync(plan.AccessPolicy.Arn, Ct)).OrderBy(t => t.Key));
        Assert.Single(await VersionsAsync(plan));
    }

    [Fact]
    public async Task EnsureAsync_PresentAndOurs_ReturnsUnchangedWithoutNewVersion()
    {
        var plan = NewPlan();
        await EnsureAsync(plan);

        var action = await EnsureAsync(plan);

        Assert.Equal(Reconciler.Unchanged, action);
        Assert.Single(await VersionsAsync(plan));
    }

    [Fact]
    public async Task EnsureAsync_ForeignPolicyOfSameName_ThrowsConflictAndLeavesItAlone()
    {
        var plan = NewPlan();
        await harness.Iam.Policies.CreatePolicyAsync(plan.AccessPolicy.Name, "/", ReadOnlyDocument("someone-elses-bucket"), null,
            new Dictionary<string, string>(), Ct);

        var error = await Assert.ThrowsAsync<ResourceConflictException>(() => EnsureAsync(plan));

        Assert.Equal((StageNames.AccessPolicy, plan.AccessPolicy.Name), (error.Kind, error.Name));
        Assert.Single(await VersionsAsync(plan));
        JsonAssert.Equivalent(ReadOnlyDocument("someone-elses-bucket"), await DefaultDocumentAsync(plan));
    }

    [Fact]
    public async Task EnsureAsync_DocumentChangedByNewVersionBehindOurBack_MakesThePlannedVersionDefaultAgainWithoutANewOne()
    {
        var plan = NewPlan();
        await EnsureAsync(plan);
        await harness.Iam.Policies.CreatePolicyVersionAsync(plan.AccessPolicy.Arn, ReadOnlyDocument("*"), setAsDefault: true, Ct);
        Assert.Equal(["document"], (await ObserveAsync(plan)).Drift);

        var action = await EnsureAsync(plan);

        Assert.Equal(Reconciler.Updated, action);
        JsonAssert.Equivalent(plan.AccessPolicy.Document, await DefaultDocumentAsync(plan));
        // v1 already holds the planned document: it becomes the default again, so a retried update never piles up copies.
        var versions = await VersionsAsync(plan);
        Assert.Equal((2, "v1"), (versions.Count, versions.Single(v => v.IsDefault).VersionId));
        await AssertOursAndUpToDateAsync(plan);
    }

    [Fact]
    public async Task EnsureAsync_TagRemovedAndReconciledByLaterRequest_RestoresTagKeepingCreator()
    {
        var request = TestEnvironments.Request(TestEnvironments.NewName("pol"));
        var creator = Guid.NewGuid();
        var first = TestEnvironments.Plan(request, creator);
        await EnsureAsync(first);
        await harness.Iam.Policies.UntagPolicyAsync(first.AccessPolicy.Arn, ["team"], Ct);
        var later = TestEnvironments.Plan(request, Guid.NewGuid());

        var action = await EnsureAsync(later);

        Assert.Equal(Reconciler.Updated, action);
        var tags = await harness.Iam.Policies.ListPolicyTagsAsync(later.AccessPolicy.Arn, Ct);
        Assert.Equal(("search", creator.ToString()), (tags["team"], tags[OwnershipTags.RunId]));
        Assert.Single(await VersionsAsync(later));
        await AssertOursAndUpToDateAsync(later);
    }

    [Fact]
    public async Task EnsureAsync_PermissionsChangedToReadOnly_AddsReadOnlyDefaultVersion()
    {
        var request = TestEnvironments.Request(TestEnvironments.NewName("pol"));
        var readWrite = TestEnvironments.Plan(request);
        await EnsureAsync(readWrite);
        var readOnly = TestEnvironments.Plan(request with { Access = request.Access with { Permissions = "read-only" } });

        var action = await EnsureAsync(readOnly);

        Assert.Equal(Reconciler.Updated, action);
        JsonAssert.Equivalent(ReadOnlyDocument(readOnly.Bucket.Name), await DefaultDocumentAsync(readOnly));
        var versions = await VersionsAsync(readOnly);
        Assert.Equal(2, versions.Count);
        Assert.Equal("v2", Assert.Single(versions, v => v.IsDefault).VersionId);
    }

    [Fact]
    public async Task EnsureAsync_VersionLimitReachedAndNoneHoldsThePlan_DropsTheOldestUnusedAndKeepsAtMostFive()
    {
        var plan = NewPlan();
        await EnsureAsync(plan);
        var arn = plan.AccessPolicy.Arn;
        // Behind our back: the limit filled with other documents, and the planned one gone.
        for (var i = 0; i < IamVersionLimit - 1; i++)
            await harness.Iam.Policies.CreatePolicyVersionAsync(arn, ReadOnlyDocument($"other-{i}"), setAsDefault: true, Ct);
        await harness.Iam.Policies.DeletePolicyVersionAsync(arn, "v1", Ct);
        await harness.Iam.Policies.CreatePolicyVersionAsync(arn, ReadOnlyDocument("other-last"), setAsDefault: true, Ct);
        var before = await VersionsAsync(plan);
        Assert.Equal(IamVersionLimit, before.Count);

        Assert.Equal(Reconciler.Updated, await EnsureAsync(plan));

        var versions = await VersionsAsync(plan);
        Assert.Equal(IamVersionLimit, versions.Count);
        Assert.DoesNotContain(versions, v => v.VersionId == before.Where(b => !b.IsDefault).MinBy(b => b.CreateDate)!.VersionId);
        JsonAssert.Equivalent(plan.AccessPolicy.Document, await DefaultDocumentAsync(plan));
    }

    [Fact]
    public async Task EnsureAsync_PermissionsFlippedBackAndForth_ReusesTheVersionThatHoldsEachDocument()
    {
        var request = TestEnvironments.Request(TestEnvironments.NewName("pol"));
        await EnsureAsync(TestEnvironments.Plan(request));

        for (var change = 1; change <= IamVersionLimit + 2; change++)
        {
            var permissions = change % 2 == 1 ? "read-only" : "read-write";
            var plan = TestEnvironments.Plan(request with { Access = request.Access with { Permissions = permissions } });

            Assert.Equal(Reconciler.Updated, await EnsureAsync(plan));

            var versions = await VersionsAsync(plan);
            Assert.Equal(2, versions.Count);
            Assert.Equal(permissions == "read-only" ? "v2" : "v1", Assert.Single(versions, v => v.IsDefault).VersionId);
            JsonAssert.Equivalent(permissions == "read-only" ? ReadOnlyDocument(plan.Bucket.Name) : ReadWriteDocument(plan.Bucket.Name),
                await DefaultDocumentAsync(plan));
        }
    }

    [Fact]
    public async Task DeleteAsync_Missing_Succeeds()
    {
        var plan = NewPlan();

        await harness.Policy.DeleteAsync(plan.AccessPolicy, Ct);

        Assert.Equal((Reconciler.Absent, null), await TestReconciler.RemoveAsync(harness.Policy, plan.AccessPolicy, plan.Environment, null, Ct));
    }

    [Fact]
    public async Task RemoveAsync_OnlyCreatedByAnotherRequest_RetainsPolicy()
    {
        var plan = NewPlan();
        await EnsureAsync(plan);

        var result = await TestReconciler.RemoveAsync(harness.Policy, plan.AccessPolicy, plan.Environment, Guid.NewGuid(), Ct);

        Assert.Equal((Reconciler.Retained, "existed before this run, which did not change it"), result);
        Assert.NotNull(await harness.Iam.Policies.GetPolicyAsync(plan.AccessPolicy.Arn, Ct));
    }

    // AWS refuses DeletePolicy while non-default versions exist; moto does not, so on moto this proves the end
    // state only, not that the versions went first.
    [Fact]
    public async Task RemoveAsync_CreatedByThisRequestWithSeveralVersions_DeletesVersionsAndPolicy()
    {
        var request = TestEnvironments.Request(TestEnvironments.NewName("pol"));
        var plan = TestEnvironments.Plan(request);
        await EnsureAsync(plan);
        await EnsureAsync(TestEnvironments.Plan(request with { Access = request.Access with { Permissions = "read-only" } }, plan.RunId));

        var result = await TestReconciler.RemoveAsync(harness.Policy, plan.AccessPolicy, plan.Environment, plan.RunId, Ct);

        Assert.Equal((Reconciler.Deleted, "created by this run"), result);
        Assert.Null(await harness.Iam.Policies.GetPolicyAsync(plan.AccessPolicy.Arn, Ct));
    }

    /// <summary>The guide's policy, written out here rather than taken from the planner, so a planner bug cannot hide.</summary>
    internal static string ReadWriteDocument(string bucket) => $$"""
        {"Version":"2012-10-17","Statement":[
          {"Effect":"Allow","Action":["s3:ListBucket"],"Resource":["arn:aws:s3:::{{bucket}}"]},
          {"Effect":"Allow","Action":["s3:DeleteObject","s3:GetObject","s3:PutObject"],"Resource":["arn:aws:s3:::{{bucket}}/*"]}]}
        """;

    internal static string ReadOnlyDocument(string bucket) => $$"""
        {"Version":"2012-10-17","Statement":[
          {"Effect":"Allow","Action":["s3:ListBucket"],"Resource":["arn:aws:s3:::{{bucket}}"]},
          {"Effect":"Allow","Action":["s3:GetObject"],"Resource":["arn:aws:s3:::{{bucket}}/*"]}]}
        """;

    private static EnvironmentPlan NewPlan() => TestEnvironments.Plan(TestEnvironments.Request(TestEnvironments.NewName("pol")));

    private Task<string> EnsureAsync(EnvironmentPlan plan) => TestReconciler.EnsureAsync(harness.Policy, plan.AccessPolicy,
        StageNames.AccessPolicy, plan.AccessPolicy.Name, plan.Environment, Ct);

    private Task<Observation> ObserveAsync(EnvironmentPlan plan) => harness.Policy.ObserveAsync(plan.AccessPolicy, plan.Environment, Ct);

    private async Task AssertOursAndUpToDateAsync(EnvironmentPlan plan)
    {
        var observed = await ObserveAsync(plan);
        Assert.True(observed.Exists);
        Assert.True(OwnershipTags.IsOwnedBy(observed.Tags, plan.Environment));
        Assert.Empty(observed.Drift);
    }

    private Task<IReadOnlyList<Worker.Aws.Iam.IamPolicyVersion>> VersionsAsync(EnvironmentPlan plan) =>
        harness.Iam.Policies.ListPolicyVersionsAsync(plan.AccessPolicy.Arn, Ct);

    private async Task<string?> DefaultDocumentAsync(EnvironmentPlan plan)
    {
        var policy = await harness.Iam.Policies.GetPolicyAsync(plan.AccessPolicy.Arn, Ct);
        Assert.NotNull(policy);
        return await harness.Iam.Policies.GetPolicyVersionDocumentAsync(plan.AccessPolicy.Arn, policy.DefaultVersionId, Ct);
    }

    [Fact]
    public async Task CompensateAsync_LaterRunMadeItReadOnly_DefaultVersionBackAndTheNewVersionGone()
    {
        var request = TestEnvironments.Request(TestEnvironments.NewName("pol"));
        var first = TestEnvironments.Plan(request);
        var later = TestEnvironments.Plan(request with { Access = request.Access with { Permissions = "read-only" } });

        var (action, detail) = await RollbackScene.UpdateThenCompensateAsync(harness.Policy, first.AccessPolicy, later.AccessPolicy,
            first.Environment, Ct);

        Assert.Equal((Reconciler.Restored, "default version v1 restored"), (action, detail));
        JsonAssert.Equivalent(first.AccessPolicy.Document, await DefaultDocumentAsync(first));
        Assert.Equal(["v1"], (await VersionsAsync(first)).Select(v => v.VersionId));
    }
}
