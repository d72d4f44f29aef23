using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Provisioner.Worker.Aws;

namespace Provisioner.Worker.Stages.Verify;

/// <summary>
/// Proves the granted scope with the credentials a workload would hold: put, get and delete a probe object in the
/// bucket must work, and a call outside the grant (listing the account's buckets) must be denied.
/// </summary>
public sealed class S3AccessProbe(AwsClients aws)
{
    public const string ProbePrefix = "milvus-provisioner-probe/";

    public async Task<IReadOnlyList<string>> RunAsync(AWSCredentials credentials, string region, string bucket, bool readOnly,
        CancellationToken ct)
    {
        using var s3 = aws.S3With(credentials, region);
        var problems = new List<string>();
        var key = $"{ProbePrefix}{Guid.NewGuid():N}";
        if (!readOnly)
        {
            await Expect(problems, "put probe object", () => s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = key, ContentBody = "probe" }, ct));
            await Expect(problems, "get probe object", () => s3.GetObjectMetadataAsync(bucket, key, ct));
            await Expect(problems, "delete probe object", () => s3.DeleteObjectAsync(bucket, key, ct));
        }
        else
        {
            await Expect(problems, "list bucket", () => s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, MaxKeys = 1 }, ct));
            await ExpectDenied(problems, "put object in a read-only grant",
                () => s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = key, ContentBody = "probe" }, ct));
        }
        await ExpectDenied(problems, "list all buckets of the account", () => s3.ListBucketsAsync(ct));
        return problems;
    }

    private static async Task Expect(List<string> problems, string what, Func<Task> call)
    {
        try { await call(); }
        catch (AmazonS3Exception ex) { problems.Add($"probe: {what} failed: {ex.StatusCode} {ex.ErrorCode}"); }
    }

    private static async Task ExpectDenied(List<string> problems, string what, Func<Task> call)
    {
        try
        {
            await call();
            problems.Add($"probe: {what} was allowed, outside the granted scope");
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.Forbidden) { }
        catch (AmazonS3Exception ex) { problems.Add($"probe: {what} failed with {ex.StatusCode} {ex.ErrorCode} instead of AccessDenied"); }
    }
}
