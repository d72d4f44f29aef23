namespace Provisioner.FaultProxy.Tests;

public sealed class S3OperationsTests
{
    [Theory]
    [InlineData("GET", "/", "", "ListBuckets")]
    [InlineData("PUT", "/bucket", "", "CreateBucket")]
    [InlineData("HEAD", "/bucket", "", "HeadBucket")]
    [InlineData("DELETE", "/bucket", "", "DeleteBucket")]
    [InlineData("PUT", "/bucket", "tagging", "PutBucketTagging")]
    [InlineData("GET", "/bucket", "tagging", "GetBucketTagging")]
    [InlineData("GET", "/bucket", "policy", "GetBucketPolicy")]
    [InlineData("PUT", "/bucket", "ownershipControls", "PutBucketOwnershipControls")]
    [InlineData("PUT", "/bucket", "publicAccessBlock", "PutBucketPublicAccessBlock")]
    [InlineData("GET", "/bucket", "encryption", "GetBucketEncryption")]
    [InlineData("GET", "/bucket", "versioning", "GetBucketVersioning")]
    [InlineData("GET", "/bucket", "location", "GetBucketLocation")]
    [InlineData("GET", "/bucket", "list-type,max-keys", "ListObjectsV2")]
    [InlineData("GET", "/bucket", "versions", "ListObjectVersions")]
    [InlineData("POST", "/bucket", "delete", "DeleteObjects")]
    [InlineData("PUT", "/bucket/probe/key.txt", "", "PutObject")]
    [InlineData("GET", "/bucket/key", "", "GetObject")]
    [InlineData("GET", "/bucket/key", "tagging", "GetObjectTagging")]
    [InlineData("POST", "/bucket/key", "uploads", "CreateMultipartUpload")]
    [InlineData("PUT", "/bucket/key", "partNumber,uploadId", "UploadPart")]
    public void Name_MethodPathQuery_IsTheSdkOperation(string method, string path, string query, string expected)
    {
        var keys = query.Split(',', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(expected, S3Operations.Name(method, path, keys));
    }
}
