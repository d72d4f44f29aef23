using System.Text.Json;
using System.Text.Json.Nodes;
using Provisioner.Contracts;
using Provisioner.Worker.Planning;

namespace Provisioner.Worker.Stages.MilvusRelease;

/// <summary>The Milvus chart values of the guide, plus what the guide leaves out (region, no Pulsar), plus overrides.</summary>
public static class HelmValues
{
    public static JsonObject Generate(EnvironmentRequest request, string bucket, string s3Host)
    {
        var milvus = request.Milvus ?? new MilvusSpec();
        var values = new JsonObject
        {
            ["cluster"] = new JsonObject { ["enabled"] = milvus.Mode != "standalone" },
            ["serviceAccount"] = new JsonObject { ["create"] = false, ["name"] = request.Kubernetes.ServiceAccount },
            ["minio"] = new JsonObject { ["enabled"] = false },
            ["externalS3"] = new JsonObject
            {
                ["enabled"] = true,
                ["host"] = s3Host,
                ["port"] = 443,
                ["useSSL"] = true,
                ["bucketName"] = bucket,
                ["rootPath"] = request.Environment,
                ["useIAM"] = true,
                ["cloudProvider"] = "aws",
                ["iamEndpoint"] = "",
                ["region"] = request.Aws.Region,
            },
            // The chart still defaults to Pulsar v3 (five ServiceAccounts of its own); woodpecker keeps its log in the bucket.
            ["pulsarv3"] = new JsonObject { ["enabled"] = false },
            ["woodpecker"] = new JsonObject { ["enabled"] = true },
        };
        if (request.Access.Mode == Planner.AccessKeyMode) AccessKeyHelmValues.Apply(values, request);
        if (milvus.Values is { ValueKind: JsonValueKind.Object } overrides)
            MergeInto(values, JsonNode.Parse(overrides.GetRawText())!.AsObject());
        return values;
    }

    /// <summary>Deep merge as Helm merges value files: objects recursively, everything else replaced.</summary>
    public static void MergeInto(JsonObject target, JsonObject overrides)
    {
        foreach (var (key, value) in overrides.ToList())
        {
            if (value is JsonObject child && target[key] is JsonObject existing) MergeInto(existing, child);
            else target[key] = value?.DeepClone();
        }
    }
}
