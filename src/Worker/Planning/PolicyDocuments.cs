using System.Text.Json.Nodes;

namespace Provisioner.Worker.Planning;

/// <summary>The IAM documents of the Milvus guide, built as JSON.</summary>
public static class PolicyDocuments
{
    public const string Version = "2012-10-17";
    public const string StsAudience = "sts.amazonaws.com";

    /// <summary>ListBucket on the bucket; object actions on its keys (read-only: Get only).</summary>
    public static JsonObject BucketAccess(string partition, string bucket, bool readOnly)
    {
        JsonArray objectActions = readOnly ? ["s3:GetObject"] : ["s3:DeleteObject", "s3:GetObject", "s3:PutObject"];
        return new JsonObject
        {
            ["Version"] = Version,
            ["Statement"] = new JsonArray(
                Statement(new JsonArray("s3:ListBucket"), $"arn:{partition}:s3:::{bucket}"),
                Statement(objectActions, $"arn:{partition}:s3:::{bucket}/*")),
        };
    }

    /// <summary>IRSA trust: only this ServiceAccount of this cluster, only for STS (never a wildcard).</summary>
    public static JsonObject IrsaTrust(string providerArn, string issuerHostPath, string ns, string serviceAccount) => new()
    {
        ["Version"] = Version,
        ["Statement"] = new JsonArray(new JsonObject
        {
            ["Effect"] = "Allow",
            ["Principal"] = new JsonObject { ["Federated"] = providerArn },
            ["Action"] = "sts:AssumeRoleWithWebIdentity",
            ["Condition"] = new JsonObject
            {
                ["StringEquals"] = new JsonObject
                {
                    [$"{issuerHostPath}:sub"] = $"system:serviceaccount:{ns}:{serviceAccount}",
                    [$"{issuerHostPath}:aud"] = StsAudience,
                },
            },
        }),
    };

    private static JsonObject Statement(JsonArray actions, string resource) => new()
    {
        ["Effect"] = "Allow",
        ["Action"] = actions,
        ["Resource"] = new JsonArray(resource),
    };
}
