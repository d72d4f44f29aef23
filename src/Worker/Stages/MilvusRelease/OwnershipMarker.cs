using System.Text.Json.Nodes;
using Provisioner.Worker.Planning;

namespace Provisioner.Worker.Stages.MilvusRelease;

/// <summary>
/// A Helm release has no tags, so ownership travels in its values as one extra top-level key the chart ignores:
/// <c>milvusProvisioner: {managedBy, environment, runId}</c>. Helm keeps it with every revision, so
/// <c>helm status</c> shows who made the release, and it reads back as the usual <see cref="OwnershipTags"/>.
/// </summary>
public static class OwnershipMarker
{
    public const string Key = "milvusProvisioner";

    private static readonly (string Tag, string Field)[] Fields =
    [
        (OwnershipTags.ManagedBy, "managedBy"),
        (OwnershipTags.Environment, "environment"),
        (OwnershipTags.RunId, "runId"),
    ];

    /// <summary>The values document with the marker set last, so no override can forge or drop it.</summary>
    public static JsonObject Apply(string values, IReadOnlyDictionary<string, string> tags)
    {
        var document = JsonNode.Parse(values) as JsonObject ?? throw new ArgumentException("Helm values must be a JSON object", nameof(values));
        var marker = new JsonObject();
        foreach (var (tag, field) in Fields)
            if (tags.TryGetValue(tag, out var value)) marker[field] = value;
        document[Key] = marker;
        return document;
    }

    /// <summary>The marker as ownership tags; empty when the release carries none (not ours).</summary>
    public static Dictionary<string, string> Read(JsonObject values)
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        if (values[Key] is not JsonObject marker) return tags;
        foreach (var (tag, field) in Fields)
            if (marker[field] is JsonValue value && value.TryGetValue<string>(out var text)) tags[tag] = text;
        return tags;
    }

    /// <summary>A copy without the creator run id, which a reconcile keeps and so never counts as drift.</summary>
    public static JsonObject WithoutRunId(JsonObject values)
    {
        var copy = (JsonObject)values.DeepClone();
        (copy[Key] as JsonObject)?.Remove("runId");
        return copy;
    }
}
