using Amazon.S3;
using Amazon.S3.Model;
using Provisioner.Contracts;
using Provisioner.Worker.Planning;
using Provisioner.Worker.Stages;
using Provisioner.Worker.Tests.Infrastructure;

namespace Provisioner.Worker.Tests.Stages.Bucket;

[Collection("moto")]
public sealed class S3BucketResourceTests(MotoServer moto) : IDisposable
{
    private readonly ResourceHarness harness = new(moto);

    private CancellationToken Ct => harness.Ct;

    public void Dispose() => harness.Dispose();

    [Theory]
    [InlineData("us-east-2", false)]
    [InlineData("us-east-1", true)]
    public async Task EnsureAsync_Missing_CreatesBucketWithEveryPlannedSetting(string region, bool versioning)
    {
        var request = TestEnvironments.Request(TestEnvironments.NewName("bkt"), region);
        var plan = TestEnvironments.Plan(request with { Bucket = request.Bucket with { Versioning = versioning } });
        var s3 = harness.Aws.S3(region);

        var action = await EnsureAsync(plan);

        Assert.Equal(Reconciler.Created, action);
        await AssertOursAndUpToDateAsync(plan);
        var location = (await s3.GetBucketLocationAsync(new GetBucketLocationRequest { BucketName = plan.Bucket.Name }, Ct)).Location?.Value;
        // AWS reports us-east-1 as an empty LocationConstraint.
        Assert.Equal(region == "us-east-1" ? "" : region, location ?? "");
        var block = (await s3.GetPublicAccessBlockAsync(new GetPublicAccessBlockRequest { BucketName = plan.Bucket.Name }, Ct))
            .PublicAccessBlockConfiguration;
        Assert.Equal((true, true, true, true),
            (block.BlockPublicAcls, block.IgnorePublicAcls, block.BlockPublicPolicy, block.RestrictPublicBuckets));
        var encryption = (await s3.GetBucketEncryptionAsync(new GetBucketEncryptionRequest { BucketName = plan.Bucket.Name }, Ct))
            .ServerSideEncryptionConfiguration.ServerSideEncryptionRules;
        Assert.Equal(ServerSideEncryptionMethod.AES256, Assert.Single(encryption).ServerSideEncryptionByDefault.ServerSideEncryptionAlgorithm);
        Assert.Equal(versioning, await VersioningEnabledAsync(plan));
        var ownership = await s3.GetBucketOwnershipControlsAsync(new GetBucketOwnershipControlsRequest { BucketName = plan.Bucket.Name }, Ct);
        Assert.Equal(ObjectOwnership.ObjectWriter, Assert.Single(ownership.OwnershipControls.Rules).ObjectOwnership);
        Assert.Equal(plan.Bucket.Tags.OrderBy(t => t.Key), (await TagsAsync(plan)).OrderBy(t => t.Key));
        Assert.Equal("search", plan.Bucket.Tags["team"]);
    }

    [Fact]
    public async Task EnsureAsync_PresentAndOurs_ReturnsUnchanged()
    {
        var plan = NewPlan();
        await EnsureAsync(plan);

        var action = await EnsureAsync(plan);

        Assert.Equal(Reconciler.Unchanged, action);
    }

    [Fact]
    public async Task EnsureAsync_ForeignBucketOfSameName_ThrowsConflictAndLeavesItAlone()
    {
        var plan = NewPlan();
        var s3 = harness.Aws.S3(plan.Region);
        await s3.PutBucketAsync(new PutBucketRequest { BucketName = plan.Bucket.Name, BucketRegionName = plan.Region, UseClientRegion = false }, Ct);

        var error = await Assert.ThrowsAsync<ResourceConflictException>(() => EnsureAsync(plan));

        Assert.Equal((StageNames.Bucket, plan.Bucket.Name), (error.Kind, error.Name));
        Assert.Empty(await TagsAsync(plan));
        Assert.False(await VersioningEnabledAsync(plan));
    }

    [Fact]
    public async Task EnsureAsync_VersioningSuspendedBehindOurBack_ReenablesIt()
    {
        var request = TestEnvironments.Request(TestEnvironments.NewName("bkt"));
        var plan = TestEnvironments.Plan(request with { Bucket = request.Bucket with { Versioning = true } });
        await EnsureAsync(plan);
        await harness.Aws.S3(plan.Region).PutBucketVersioningAsync(new PutBucketVersioningRequest
        {
            BucketName = plan.Bucket.Name,
            VersioningConfig = new S3BucketVersioningConfig { Status = VersionStatus.Suspended },
        }, Ct);
        Assert.Equal(["versioning"], (await ObserveAsync(plan)).Drift);

        var action = await EnsureAsync(plan);

        Assert.Equal(Reconciler.Updated, action);
        Assert.True(await VersioningEnabledAsync(plan));
        await AssertOursAndUpToDateAsync(plan);
    }

    [Fact]
    public async Task EnsureAsync_EncryptionAndPublicAccessBlockRemovedBehindOurBack_RestoresBoth()
    {
        var plan = NewPlan();
        await EnsureAsync(plan);
        var s3 = harness.Aws.S3(plan.Region);
        await s3.DeleteBucketEncryptionAsync(new DeleteBucketEncryptionRequest { BucketName = plan.Bucket.Name }, Ct);
        await s3.DeletePublicAccessBlockAsync(new DeletePublicAccessBlockRequest { BucketName = plan.Bucket.Name }, Ct);
        Assert.Equal(["encryption", "public-access-block"], (await ObserveAsync(plan)).Drift.Order());

        var action = await EnsureAsync(plan);

        Assert.Equal(Reconciler.Updated, action);
        await AssertOursAndUpToDateAsync(plan);
    }

    [Fact]
    public async Task EnsureAsync_TagRemovedBehindOurBackAndReconciledByLaterRequest_RestoresTagKeepingCreator()
    {
        var request = TestEnvironments.Request(TestEnvironments.NewName("bkt"));
        var creator = Guid.NewGuid();
        var first = TestEnvironments.Plan(request, creator);
        await EnsureAsync(first);
        await harness.Aws.S3(first.Region).PutBucketTaggingAsync(new PutBucketTaggingRequest
        {
            BucketName = first.Bucket.Name,
            TagSet = [.. first.Bucket.Tags.Where(t => t.Key != "team").Select(t => new Tag { Key = t.Key, Value = t.Value })],
        }, Ct);
        var later = TestEnvironments.Plan(request, Guid.NewGuid());

        var action = await EnsureAsync(later);

        Assert.Equal(Reconciler.Updated, action);
        var tags = await TagsAsync(later);
        Assert.Equal("search", tags["team"]);
        // The run id records who created the bucket; compensation of a later run must never see it as its own...
        Assert.Equal(creator.ToString(), tags[OwnershipTags.RunId]);
        // ...it puts back what that run changed instead: the tags as they were before it, and the bucket stays.
        Assert.Equal((Reconciler.Restored, "tags restored"),
            await TestReconciler.RemoveAsync(harness.Bucket, later.Bucket, later.Environment, later.RunId, Ct));
        var restored = await TagsAsync(later);
        Assert.False(restored.ContainsKey("team"));
        Assert.Equal(creator.ToString(), restored[OwnershipTags.RunId]);
    }

    [Fact]
    public async Task DeleteAsync_Missing_Succeeds()
    {
        var plan = NewPlan();

        await harness.Bucket.DeleteAsync(plan.Bucket, Ct);

        Assert.Equal((Reconciler.Absent, null), await TestReconciler.RemoveAsync(harness.Bucket, plan.Bucket, plan.Environment, null, Ct));
    }

    [Fact]
    public async Task RemoveAsync_OnlyCreatedByAnotherRequest_RetainsBucket()
    {
        var plan = NewPlan();
        await EnsureAsync(plan);

        var result = await TestReconciler.RemoveAsync(harness.Bucket, plan.Bucket, plan.Environment, Guid.NewGuid(), Ct);

        Assert.Equal((Reconciler.Retained, "existed before this run, which did not change it"), result);
        Assert.True((await ObserveAsync(plan)).Exists);
    }

    [Fact]
    public async Task RemoveAsync_OnlyCreatedByThisRequest_DeletesEmptyBucket()
    {
        var plan = NewPlan();
        await EnsureAsync(plan);

        var result = await TestReconciler.RemoveAsync(harness.Bucket, plan.Bucket, plan.Environment, plan.RunId, Ct);

        Assert.Equal((Reconciler.Deleted, "created by this run"), result);
        Assert.False((await ObserveAsync(plan)).Exists);
    }

    [Fact]
    public async Task RemoveAsync_ForeignBucket_RetainsIt()
    {
        var plan = NewPlan();
        await harness.Aws.S3(plan.Region).PutBucketAsync(
            new PutBucketRequest { BucketName = plan.Bucket.Name, BucketRegionName = plan.Region, UseClientRegion = false }, Ct);

        var result = await TestReconciler.RemoveAsync(harness.Bucket, plan.Bucket, plan.Environment, null, Ct);

        Assert.Equal((Reconciler.Retained, "not ours"), result);
        Assert.True((await ObserveAsync(plan)).Exists);
    }

    [Fact]
    public async Task DeleteAsync_BucketWithObject_ThrowsRetainedAndObjectSurvives()
    {
        var plan = NewPlan();
        await EnsureAsync(plan);
        var s3 = harness.Aws.S3(plan.Region);
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = plan.Bucket.Name, Key = "segments/1", ContentBody = "vectors" }, Ct);

        var error = await Assert.ThrowsAsync<ResourceRetainedException>(() => harness.Bucket.DeleteAsync(plan.Bucket, Ct));

        Assert.Equal((StageNames.Bucket, plan.Bucket.Name), (error.Kind, error.Name));
        using var kept = await s3.GetObjectAsync(new GetObjectRequest { BucketName = plan.Bucket.Name, Key = "segments/1" }, Ct);
        using var reader = new StreamReader(kept.ResponseStream);
        Assert.Equal("vectors", await reader.ReadToEndAsync(Ct));
    }

    private static EnvironmentPlan NewPlan() => TestEnvironments.Plan(TestEnvironments.Request(TestEnvironments.NewName("bkt")));

    private Task<string> EnsureAsync(EnvironmentPlan plan) =>
        TestReconciler.EnsureAsync(harness.Bucket, plan.Bucket, StageNames.Bucket, plan.Bucket.Name, plan.Environment, Ct);

    private Task<Observation> ObserveAsync(EnvironmentPlan plan) => harness.Bucket.ObserveAsync(plan.Bucket, plan.Environment, Ct);

    private async Task AssertOursAndUpToDateAsync(EnvironmentPlan plan)
    {
        var observed = await ObserveAsync(plan);
        Assert.True(observed.Exists);
        Assert.True(OwnershipTags.IsOwnedBy(observed.Tags, plan.Environment));
        Assert.Empty(observed.Drift);
    }

    private async Task<bool> VersioningEnabledAsync(EnvironmentPlan plan) =>
        (await harness.Aws.S3(plan.Region).GetBucketVersioningAsync(new GetBucketVersioningRequest { BucketName = plan.Bucket.Name }, Ct))
            .VersioningConfig?.Status == VersionStatus.Enabled;

    private async Task<Dictionary<string, string>> TagsAsync(EnvironmentPlan plan)
    {
        try
        {
            var response = await harness.Aws.S3(plan.Region).GetBucketTaggingAsync(new GetBucketTaggingRequest { BucketName = plan.Bucket.Name }, Ct);
            return (response.TagSet ?? []).ToDictionary(t => t.Key, t => t.Value);
        }
        catch (AmazonS3Exception ex) when (ex.ErrorCode == "NoSuchTagSet")
        {
            return [];
        }
    }

    [Fact]
    public async Task CompensateAsync_LaterRunChangedVersioningAndTags_PutsBackWhatItChanged()
    {
        var request = TestEnvironments.Request(TestEnvironments.NewName("bkt"));
        var first = TestEnvironments.Plan(request);
        var later = TestEnvironments.Plan(request with
        {
            Bucket = request.Bucket with { Versioning = true, Tags = new Dictionary<string, string> { ["team"] = "ml", ["cost"] = "42" } },
        });

        var (action, detail) = await RollbackScene.UpdateThenCompensateAsync(harness.Bucket, first.Bucket, later.Bucket, first.Environment, Ct);

        // A bucket of ours is made with versioning suspended, not unversioned: that S3 can return to.
        Assert.Equal((Reconciler.Restored, "versioning, tags restored"), (action, detail));
        var s3 = harness.Aws.S3(first.Region);
        Assert.Equal("Suspended", (await s3.GetBucketVersioningAsync(new GetBucketVersioningRequest { BucketName = first.Bucket.Name }, Ct)).VersioningConfig.Status.Value);
        var tags = await TagsAsync(first);
        Assert.Equal(first.Bucket.Tags.OrderBy(t => t.Key), tags.OrderBy(t => t.Key));
        Assert.Empty((await harness.Bucket.ObserveAsync(first.Bucket, first.Environment, Ct)).Drift);
    }
}
