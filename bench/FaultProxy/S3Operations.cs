namespace Provisioner.FaultProxy;

/// <summary>
/// Names an S3 REST request as the SDKs name the operation: <c>PUT /bucket?tagging</c> is PutBucketTagging,
/// <c>GET /bucket/key</c> GetObject. Path-style only (the worker sets ForcePathStyle against custom endpoints).
/// </summary>
public static class S3Operations
{
    private static readonly Dictionary<string, string> SubresourceNames = new(StringComparer.Ordinal)
    {
        ["tagging"] = "Tagging", ["policy"] = "Policy", ["versioning"] = "Versioning", ["encryption"] = "Encryption",
        ["ownershipControls"] = "OwnershipControls", ["publicAccessBlock"] = "PublicAccessBlock", ["acl"] = "Acl",
        ["location"] = "Location", ["lifecycle"] = "LifecycleConfiguration", ["cors"] = "Cors", ["website"] = "Website",
        ["logging"] = "Logging", ["notification"] = "NotificationConfiguration", ["replication"] = "Replication",
        ["policyStatus"] = "PolicyStatus", ["object-lock"] = "ObjectLockConfiguration", ["accelerate"] = "Accelerate",
        ["requestPayment"] = "RequestPayment", ["retention"] = "Retention", ["legal-hold"] = "LegalHold",
        ["attributes"] = "Attributes",
    };

    public static string Name(string method, string path, IEnumerable<string> queryKeys)
    {
        var keys = queryKeys.ToHashSet(StringComparer.Ordinal);
        var trimmed = path.Trim('/');
        if (trimmed.Length == 0) return method == "GET" ? "ListBuckets" : $"{Verb(method)}Service";
        var objectLevel = trimmed.Contains('/', StringComparison.Ordinal);
        var verb = Verb(method);

        if (objectLevel)
        {
            if (keys.Contains("uploadId")) return method switch { "PUT" => "UploadPart", "POST" => "CompleteMultipartUpload", "DELETE" => "AbortMultipartUpload", _ => "ListParts" };
            if (keys.Contains("uploads")) return "CreateMultipartUpload";
            if (FirstSubresource(keys) is { } objectSub) return $"{verb}Object{objectSub}";
            return verb == "Head" ? "HeadObject" : $"{verb}Object";
        }

        if (method == "POST" && keys.Contains("delete")) return "DeleteObjects";
        if (keys.Contains("versions")) return "ListObjectVersions";
        if (keys.Contains("uploads")) return "ListMultipartUploads";
        if (FirstSubresource(keys) is { } sub) return $"{verb}Bucket{sub}";
        return method switch
        {
            "GET" => keys.Contains("list-type") ? "ListObjectsV2" : "ListObjects",
            "PUT" => "CreateBucket",
            _ => $"{verb}Bucket",
        };
    }

    private static string? FirstSubresource(IReadOnlySet<string> keys) =>
        SubresourceNames.Where(pair => keys.Contains(pair.Key)).Select(pair => pair.Value).FirstOrDefault();

    private static string Verb(string method) => method switch
    {
        "GET" => "Get",
        "PUT" => "Put",
        "DELETE" => "Delete",
        "HEAD" => "Head",
        "POST" => "Post",
        _ => method,
    };
}
