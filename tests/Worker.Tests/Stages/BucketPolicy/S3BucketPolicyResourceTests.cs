using Amazon.S3.Model;
using Microsoft.Extensions.Logging.Abstractions;
using Provisioner.Contracts;
using Provisioner.Worker.Planning;
using Provisioner.Worker.Stages;
using Provisioner.Worker.Stages.BucketPolicy;
using Provisioner.Worker.Tests.Infrastructure;
using static Provisioner.Worker.Tests.Stages.BucketPolicy.BucketPolicyScenes;

namespace Provisioner.Worker.Tests.Stages.BucketPolicy;

/// <summary>
/// Against moto, which stores bucket policies but never evaluates them across accounts: these tests prove the documents
/// S3 holds after each call, not the access they grant.
/// </summary>
[Collection("moto")]
public sealed class S3BucketPolicyResourceTests(MotoServer moto) : IDisposable
{
    private readonly ResourceHarness harness = new(moto);

    private CancellationToken Ct => harness.Ct;

    public void Dispose() => harness.Dispose();

    private S3BucketPolicyResource Resource => new(harness.Aws, NullLogger<S3BucketPolicyResource>.Instance);

    private async Task<EnvironmentPlan> WithBucketAsync(EnvironmentPlan plan, bool foreign = false)
    {
        Assert.Equal(Reconciler.Created, await TestReconciler.EnsureAsync(harness.Bucket, plan.Bucket, StageNames.Bucket, plan.Bucket.Name,
            plan.Environment, Ct));
        if (foreign)
            await harness.Aws.S3(plan.Region).PutBucketPolicyAsync(new PutBucketPolicyRequest
            {
                BucketName = plan.Bucket.Name,
                Policy = $$"""{ "Version": "2012-10-17", "Statement": [{{ForeignStatement(plan)}}] }""",
            }, Ct);
        return plan;
    }

    private Task<string> EnsureAsync(BucketPolicyPlan plan, string environment) =>
        TestReconciler.EnsureAsync(Resource, plan, StageNames.BucketPolicy, plan.Bucket, environment, Ct);

    private async Task<string?> PolicyAsync(EnvironmentPlan plan)
    {
        var policy = (await harness.Aws.S3(plan.Region).GetBucketPolicyAsync(new GetBucketPolicyRequest { BucketName = plan.Bucket.Name }, Ct)).Policy;
        return BucketPolicyDocument.Parse(policy).IsEmpty ? null : policy;
    }

    [Fact]
    public async Task EnsureAsync_NoPolicyYet_PutsExactlyThePlannedStatements()
    {
        var plan = await WithBucketAsync(NewPlan(Grant(Analytics, conditions: new GrantConditions { SourceIp = ["203.0.113.0/24"] }),
            Grant(Auditor, "read-write", new GrantConditions { RequireMfa = true, NotAfter = DateTimeOffset.UtcNow.AddDays(30) })));

        Assert.Equal(Reconciler.Created, await EnsureAsync(plan.BucketPolicy!, plan.Environment));

        AssertPolicy(Document([.. plan.BucketPolicy!.Grants.Select(g => g.Statement)]), await PolicyAsync(plan));
        Assert.Equal(Reconciler.Unchanged, await EnsureAsync(plan.BucketPolicy!, plan.Environment));
    }

    [Fact]
    public async Task EnsureAsync_ForeignStatementPresent_KeptBesideOurs()
    {
        var plan = await WithBucketAsync(NewPlan(Grant(Analytics)), foreign: true);

        Assert.Equal(Reconciler.Created, await EnsureAsync(plan.BucketPolicy!, plan.Environment));

        AssertPolicy(Document(ForeignStatement(plan), plan.BucketPolicy!.Grants.Single().Statement), await PolicyAsync(plan));
    }

    [Fact]
    public async Task EnsureAsync_ChangedGrants_UpdatesOursInPlaceAndKeepsForeign()
    {
        var first = await WithBucketAsync(NewPlan(Grant(Analytics)), foreign: true);
        await EnsureAsync(first.BucketPolicy!, first.Environment);
        var request = TestEnvironments.Request(first.Environment) with
        {
            CrossAccount = [Grant(Analytics, "read-write", new GrantConditions { SourceIp = ["198.51.100.0/24"] }), Grant(Auditor)],
        };
        var second = TestEnvironments.Plan(request);

        Assert.Equal(Reconciler.Updated, await EnsureAsync(second.BucketPolicy!, second.Environment));

        AssertPolicy(Document([ForeignStatement(first), .. second.BucketPolicy!.Grants.Select(g => g.Statement)]), await PolicyAsync(first));
        Assert.Equal(Reconciler.Unchanged, await EnsureAsync(second.BucketPolicy!, second.Environment));
    }

    [Fact]
    public async Task EnsureAsync_EmptyGrantList_RemovesOursAndKeepsForeign()
    {
        var first = await WithBucketAsync(NewPlan(Grant(Analytics)), foreign: true);
        await EnsureAsync(first.BucketPolicy!, first.Environment);
        var revoked = TestEnvironments.Plan(TestEnvironments.Request(first.Environment) with { CrossAccount = [] });

        Assert.Equal(Reconciler.Updated, await EnsureAsync(revoked.BucketPolicy!, revoked.Environment));

        AssertPolicy(Document(ForeignStatement(first)), await PolicyAsync(first));
        Assert.Equal(Reconciler.Unchanged, await EnsureAsync(revoked.BucketPolicy!, revoked.Environment));
    }

    [Fact]
    public async Task RemoveAsync_ForeignStatementPresent_RemovesOnlyOurs()
    {
        var plan = await WithBucketAsync(NewPlan(Grant(Analytics), Grant(Auditor)), foreign: true);
        await EnsureAsync(plan.BucketPolicy!, plan.Environment);

        var (action, _) = await TestReconciler.RemoveAsync(Resource, plan.BucketPolicy!, plan.Environment, plan.RunId, Ct);

        Assert.Equal(Reconciler.Deleted, action);
        AssertPolicy(Document(ForeignStatement(plan)), await PolicyAsync(plan));
    }

    [Fact]
    public async Task RemoveAsync_OnlyOurStatements_DeletesThePolicy()
    {
        var plan = await WithBucketAsync(NewPlan(Grant(Analytics)));
        await EnsureAsync(plan.BucketPolicy!, plan.Environment);

        await TestReconciler.RemoveAsync(Resource, plan.BucketPolicy!, plan.Environment, plan.RunId, Ct);

        Assert.Null(await PolicyAsync(plan));
        Assert.Equal((Reconciler.Absent, (string?)null),
            await TestReconciler.RemoveAsync(Resource, plan.BucketPolicy!, plan.Environment, plan.RunId, Ct));
    }

    [Fact]
    public async Task RemoveAsync_BucketCreatedByAnEarlierRequest_RetainsOurStatements()
    {
        var plan = await WithBucketAsync(NewPlan(Grant(Analytics)));
        await EnsureAsync(plan.BucketPolicy!, plan.Environment);

        var (action, _) = await TestReconciler.RemoveAsync(Resource, plan.BucketPolicy!, plan.Environment, Guid.NewGuid(), Ct);

        Assert.Equal(Reconciler.Retained, action);
        Assert.NotNull(await PolicyAsync(plan));
    }

    [Fact]
    public async Task EnsureAsync_BucketNotTaggedAsOurs_ThrowsConflictAndWritesNothing()
    {
        var plan = NewPlan(Grant(Analytics));
        await harness.Aws.S3(plan.Region).PutBucketAsync(new PutBucketRequest
        {
            BucketName = plan.Bucket.Name, BucketRegionName = plan.Region, UseClientRegion = false,
        }, Ct);
        await harness.Aws.S3(plan.Region).PutBucketPolicyAsync(new PutBucketPolicyRequest
        {
            BucketName = plan.Bucket.Name, Policy = Document(plan.BucketPolicy!.Grants.Single().Statement.Replace("s3:ListBucket", "s3:PutObject")),
        }, Ct);

        await Assert.ThrowsAsync<ResourceConflictException>(() => EnsureAsync(plan.BucketPolicy!, plan.Environment));
    }

    [Fact]
    public async Task DeleteAsync_BucketGone_Succeeds()
    {
        var plan = NewPlan(Grant(Analytics));

        await Resource.DeleteAsync(plan.BucketPolicy!, Ct);

        Assert.False((await Resource.ObserveAsync(plan.BucketPolicy!, plan.Environment, Ct)).Exists);
    }

    [Fact]
    public void Outputs_Grants_CarryTheIdentityPolicyTheOtherAccountMustAttach()
    {
        var plan = NewPlan(Grant(Analytics, conditions: new GrantConditions { RequireMfa = true }));

        var outputs = Resource.Outputs(plan.BucketPolicy!);

        JsonAssert.Equivalent(plan.BucketPolicy!.Grants.Single().IdentityPolicy, outputs[$"identityPolicy:{Analytics}"]);
        Assert.Equal(plan.BucketPolicy.Grants.Single().Sid, outputs["sids"]);
        Assert.Contains("requireMfa with a role principal", outputs["warning:0"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task CompensateAsync_LaterRunWidenedAndAddedGrants_OurStatementsAsTheyWereAndForeignOnesUntouched()
    {
        var first = await WithBucketAsync(NewPlan(Grant(Analytics)), foreign: true);
        var later = TestEnvironments.Plan(TestEnvironments.Request(first.Environment) with
        {
            CrossAccount = [Grant(Analytics, "read-write"), Grant(Auditor)],
        }, Guid.NewGuid());
        var expected = Document(ForeignStatement(first), first.BucketPolicy!.Grants.Single().Statement);

        var (action, detail) = await RollbackScene.UpdateThenCompensateAsync(Resource, first.BucketPolicy!, later.BucketPolicy!, first.Environment, Ct,
            async () => AssertPolicy(expected, await PolicyAsync(first)));

        Assert.Equal((Reconciler.Restored, "our 1 bucket-policy statements restored"), (action, detail));
        AssertPolicy(expected, await PolicyAsync(first));
    }
}
