using Amazon.S3.Model;
using Provisioner.Worker.Stages;
using Provisioner.Worker.Stages.Bucket;
using Provisioner.Worker.Tests.Infrastructure;

namespace Provisioner.Worker.Tests.Stages.Bucket;

[Collection("moto")]
public sealed class S3BucketContentsTests(MotoServer moto) : IDisposable
{
    private readonly ResourceHarness harness = new(moto);

    public void Dispose() => harness.Dispose();

    [Fact]
    public async Task DeleteAllVersionsAsync_VersionedBucketWithObjectsAndDeleteMarkers_LeavesItEmptyAndDeletable()
    {
        var request = TestEnvironments.Request(TestEnvironments.NewName("data"));
        var plan = TestEnvironments.Plan(request with { Bucket = request.Bucket with { Versioning = true } });
        await TestReconciler.EnsureAsync(harness.Bucket, plan.Bucket, "bucket", plan.Bucket.Name, plan.Environment, harness.Ct);
        var s3 = harness.Aws.S3(plan.Region);
        foreach (var body in new[] { "v1", "v2", "v3" })
            await s3.PutObjectAsync(new PutObjectRequest { BucketName = plan.Bucket.Name, Key = "segments/a", ContentBody = body }, harness.Ct);
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = plan.Bucket.Name, Key = "segments/b", ContentBody = "b" }, harness.Ct);
        await s3.DeleteObjectAsync(plan.Bucket.Name, "segments/b", harness.Ct); // leaves a delete marker

        var removed = await new S3BucketContents(harness.Aws).DeleteAllVersionsAsync(plan.Bucket, harness.Ct);

        Assert.Equal(5, removed);
        var left = await s3.ListVersionsAsync(new ListVersionsRequest { BucketName = plan.Bucket.Name }, harness.Ct);
        Assert.Empty(left.Versions ?? []);
        await harness.Bucket.DeleteAsync(plan.Bucket, harness.Ct);
        Assert.False((await harness.Bucket.ObserveAsync(plan.Bucket, plan.Environment, harness.Ct)).Exists);
    }

    [Fact]
    public async Task DeleteAsync_BucketWithObjects_IsRetainedNotEmptied()
    {
        var plan = TestEnvironments.Plan(TestEnvironments.Request(TestEnvironments.NewName("keep")));
        await TestReconciler.EnsureAsync(harness.Bucket, plan.Bucket, "bucket", plan.Bucket.Name, plan.Environment, harness.Ct);
        await harness.Aws.S3(plan.Region).PutObjectAsync(new PutObjectRequest { BucketName = plan.Bucket.Name, Key = "k", ContentBody = "x" }, harness.Ct);

        await Assert.ThrowsAsync<ResourceRetainedException>(() => harness.Bucket.DeleteAsync(plan.Bucket, harness.Ct));

        Assert.True((await harness.Bucket.ObserveAsync(plan.Bucket, plan.Environment, harness.Ct)).Exists);
    }
}
