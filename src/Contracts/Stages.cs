namespace Provisioner.Contracts;

/// <summary>Stage names as they appear in events and status documents, in execution order.</summary>
public static class Stages
{
    public const string Bucket = "bucket";
    public const string BucketPolicy = "bucket-policy";
    public const string AccessPolicy = "access-policy";
    public const string Role = "role";
    public const string ServiceAccount = "service-account";
    public const string MilvusRelease = "milvus-release";
    public const string Verify = "verify";
}
