namespace Provisioner.Contracts;

/// <summary>Stage names as they appear in events and status documents, in execution order.</summary>
public static class StageNames
{
    public const string Bucket = "bucket";
    public const string BucketPolicy = "bucket-policy";
    public const string AccessPolicy = "access-policy";
    public const string Role = "role";

    /// <summary>Access-key mode: the IAM user holding the access policy (instead of the role).</summary>
    public const string IamUser = "iam-user";

    /// <summary>
    /// Access-key mode: the user's one access key and the Kubernetes Secret holding it, as one stage, so the secret
    /// never has to travel between stages (Courier persists arguments and logs).
    /// </summary>
    public const string AccessKey = "access-key";
    public const string ServiceAccount = "service-account";
    public const string MilvusRelease = "milvus-release";
    public const string Verify = "verify";
}
