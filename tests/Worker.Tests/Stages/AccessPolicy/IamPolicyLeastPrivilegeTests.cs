using System.Net;
using Amazon;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Provisioner.Contracts;
using Provisioner.Worker.Planning;
using Provisioner.Worker.Stages;
using Provisioner.Worker.Tests.Infrastructure;

namespace Provisioner.Worker.Tests.Stages.AccessPolicy;

/// <summary>
/// The generated policy, attached to a real IAM user under moto's enforcement, grants its bucket and nothing else.
/// Enforcement is server-wide, so this class has a moto_server of its own. Objects are deleted one at a time:
/// moto authorises DeleteObjects against the bucket ARN, which AWS does not.
/// </summary>
public sealed class IamPolicyLeastPrivilegeTests(MotoServer moto) : IClassFixture<MotoServer>
{
    private const string Key = "probe/object";

    [Fact]
    public async Task EnsureAsync_ReadWritePolicyHeldByUser_AllowsObjectsInItsBucketAndDeniesAnotherBucket()
    {
        var (adminKey, adminSecret) = await moto.EnableAuthAsync();
        try
        {
            using var admin = new ResourceHarness(moto, new BasicAWSCredentials(adminKey, adminSecret));
            var plan = await ProvisionAsync(admin, "read-write");
            var other = await ProvisionAsync(admin, "read-write");
            await PutAsync(admin.Aws.S3(other.Region), other.Bucket.Name, "not yours");
            using var s3 = await UserS3ClientAsync(admin, plan);

            await PutAsync(s3, plan.Bucket.Name, "vectors");
            Assert.Equal("vectors", await GetAsync(s3, plan.Bucket.Name));
            Assert.Equal([Key], (await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = plan.Bucket.Name }, admin.Ct)).S3Objects.Select(o => o.Key));
            await s3.DeleteObjectAsync(new DeleteObjectRequest { BucketName = plan.Bucket.Name, Key = Key }, admin.Ct);
            await AssertGoneAsync(admin, plan);

            await AssertDeniedAsync(() => PutAsync(s3, other.Bucket.Name, "mine now"));
            await AssertDeniedAsync(() => GetAsync(s3, other.Bucket.Name));
            await AssertDeniedAsync(() => s3.DeleteObjectAsync(new DeleteObjectRequest { BucketName = other.Bucket.Name, Key = Key }, admin.Ct));
            await AssertDeniedAsync(() => s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = other.Bucket.Name }, admin.Ct));
            Assert.Equal("not yours", await GetAsync(admin.Aws.S3(other.Region), other.Bucket.Name));
        }
        finally
        {
            await moto.DisableAuthAsync();
        }
    }

    [Fact]
    public async Task EnsureAsync_ReadOnlyPolicyHeldByUser_AllowsGetAndDeniesPutAndDelete()
    {
        var (adminKey, adminSecret) = await moto.EnableAuthAsync();
        try
        {
            using var admin = new ResourceHarness(moto, new BasicAWSCredentials(adminKey, adminSecret));
            var plan = await ProvisionAsync(admin, "read-only");
            await PutAsync(admin.Aws.S3(plan.Region), plan.Bucket.Name, "vectors");
            using var s3 = await UserS3ClientAsync(admin, plan);

            Assert.Equal("vectors", await GetAsync(s3, plan.Bucket.Name));

            await AssertDeniedAsync(() => PutAsync(s3, plan.Bucket.Name, "overwritten"));
            await AssertDeniedAsync(() => s3.DeleteObjectAsync(new DeleteObjectRequest { BucketName = plan.Bucket.Name, Key = Key }, admin.Ct));
            Assert.Equal("vectors", await GetAsync(admin.Aws.S3(plan.Region), plan.Bucket.Name));
        }
        finally
        {
            await moto.DisableAuthAsync();
        }
    }

    /// <summary>The bucket and policy stages, run by an administrator as the worker would run them.</summary>
    private static async Task<EnvironmentPlan> ProvisionAsync(ResourceHarness admin, string permissions)
    {
        var request = TestEnvironments.Request(TestEnvironments.NewName("lp"));
        var plan = TestEnvironments.Plan(request with { Access = request.Access with { Permissions = permissions } });
        Assert.Equal(Reconciler.Created,
            await TestReconciler.EnsureAsync(admin.Bucket, plan.Bucket, StageNames.Bucket, plan.Bucket.Name, plan.Environment, admin.Ct));
        Assert.Equal(Reconciler.Created, await TestReconciler.EnsureAsync(admin.Policy, plan.AccessPolicy, StageNames.AccessPolicy,
            plan.AccessPolicy.Name, plan.Environment, admin.Ct));
        return plan;
    }

    private AmazonS3Client S3ClientFor(string accessKeyId, string secretAccessKey, string region) => new(
        new BasicAWSCredentials(accessKeyId, secretAccessKey),
        new AmazonS3Config
        {
            RegionEndpoint = RegionEndpoint.GetBySystemName(region),
            ServiceURL = moto.Endpoint.ToString(),
            ForcePathStyle = true,
            AuthenticationRegion = region,
            MaxErrorRetry = 0,
        });

    /// <summary>An IAM user holding only the generated policy, and an S3 client signing with its key.</summary>
    private async Task<AmazonS3Client> UserS3ClientAsync(ResourceHarness admin, EnvironmentPlan plan)
    {
        var user = TestEnvironments.NewName("milvus");
        await admin.Iam.Users.CreateUserAsync(user, "/", null, new Dictionary<string, string>(), admin.Ct);
        await admin.Iam.Users.AttachUserPolicyAsync(user, plan.AccessPolicy.Arn, admin.Ct);
        var key = await admin.Iam.Users.CreateAccessKeyAsync(user, admin.Ct);
        return S3ClientFor(key.AccessKeyId, key.SecretAccessKey, plan.Region);
    }

    private static Task PutAsync(IAmazonS3 s3, string bucket, string body) =>
        s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = Key, ContentBody = body });

    private static async Task<string> GetAsync(IAmazonS3 s3, string bucket)
    {
        using var response = await s3.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = Key });
        using var reader = new StreamReader(response.ResponseStream);
        return await reader.ReadToEndAsync();
    }

    private static async Task AssertGoneAsync(ResourceHarness admin, EnvironmentPlan plan)
    {
        var error = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => GetAsync(admin.Aws.S3(plan.Region), plan.Bucket.Name));
        Assert.Equal("NoSuchKey", error.ErrorCode);
    }

    private static async Task AssertDeniedAsync(Func<Task> call)
    {
        var error = await Assert.ThrowsAnyAsync<AmazonS3Exception>(call);
        Assert.Equal((HttpStatusCode.Forbidden, "AccessDenied"), (error.StatusCode, error.ErrorCode));
    }
}
