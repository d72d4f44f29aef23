using System.Text.Json;
using System.Text.Json.Nodes;
using Provisioner.Contracts;

namespace Provisioner.Worker.Stages.MilvusRelease;

/// <summary>
/// The Milvus chart values of the guide, plus what the guide leaves out (region, no Pulsar): the caller's overrides go
/// over the chart choices, and the keys the worker decides (<see cref="ForcedHelmValues"/>) go over the overrides.
/// </summary>
public static class HelmValues
{
    public static JsonObject Generate(EnvironmentRequest request, string bucket, string s3Host)
    {
        var milvus = request.Milvus ?? new MilvusSpec();
        var values = new JsonObject
        {
            ["cluster"] = new JsonObject { ["enabled"] = milvus.Mode != "standalone" },
            // Inside our bucket whatever it is, so the caller may move it.
            ["externalS3"] = new JsonObject { ["rootPath"] = request.Environment },
            // The chart still defaults to Pulsar v3 (five ServiceAccounts of its own); woodpecker keeps its log in the bucket.
            ["pulsarv3"] = new JsonObject { ["enabled"] = false },
            ["woodpecker"] = new JsonObject { ["enabled"] = true },
        };
        if (milvus.Values is { ValueKind: JsonValueKind.Object } overrides)
            MergeInto(values, JsonNode.Parse(overrides.GetRawText())!.AsObject());
        ForcedHelmValues.Apply(values, request, bucket, s3Host);
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
