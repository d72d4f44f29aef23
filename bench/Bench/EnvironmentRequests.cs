namespace Provisioner.Bench;

/// <summary>The AWS half of an environment: bucket, policy, role, verify; no Kubernetes, no Helm, provider pre-registered.</summary>
public static class EnvironmentRequests
{
    public const string Region = "us-east-2";

    public static string Json(string environment) => $$"""
        {
          "environment": "{{environment}}",
          "aws": { "region": "{{Region}}" },
          "bucket": { "versioning": false, "encryption": "SSE-S3", "tags": { "team": "bench" } },
          "access": { "mode": "irsa", "permissions": "read-write", "rolePath": "/" },
          "kubernetes": {
            "namespace": "milvus", "serviceAccount": "milvus-s3-access-sa", "oidcIssuer": "{{Moto.Issuer}}",
            "manage": false, "createOidcProvider": false
          }
        }
        """;

    /// <summary>Unique across the whole run: the worker keeps every saga, and a second request for a name is a reconcile.</summary>
    public static IReadOnlyList<string> Names(string prefix, int count) =>
        Enumerable.Range(0, count).Select(i => $"{prefix}-{i:D4}").ToList();
}
