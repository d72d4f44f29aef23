using System.Text.Json.Nodes;

namespace Provisioner.Worker.Tests.Infrastructure;

/// <summary>
/// Server-side apply for one field manager, simplified to what a single manager (helm) sees: the fields it applies
/// replace what is there (maps merge, lists and values replace), fields it applied last time and no longer applies are
/// removed, fields other managers set are kept. No conflicts are raised: the stand-in keeps no per-field owners.
/// </summary>
public static class ServerSideApply
{
    public static JsonObject Apply(JsonObject? current, JsonObject applied, JsonObject? previouslyApplied)
    {
        if (current is null) return (JsonObject)applied.DeepClone();
        var result = (JsonObject)current.DeepClone();
        if (previouslyApplied is not null) RemoveDropped(result, previouslyApplied, applied);
        return (JsonObject)JsonMergePatch.Apply(result, WithoutNulls(applied))!;
    }

    /// <summary>The managed-fields entry of an apply, in the API server's shape (<c>f:</c> sets of the applied fields).</summary>
    public static JsonObject ManagedFieldsEntry(string manager, string apiVersion, JsonObject applied) => new()
    {
        ["manager"] = manager, ["operation"] = "Apply", ["apiVersion"] = apiVersion,
        ["time"] = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ"), ["fieldsType"] = "FieldsV1", ["fieldsV1"] = FieldSet(applied),
    };

    private static void RemoveDropped(JsonObject target, JsonObject before, JsonObject now)
    {
        foreach (var (key, old) in before)
        {
            if (!now.TryGetPropertyValue(key, out var fresh) || fresh is null) target.Remove(key);
            else if (old is JsonObject oldObject && fresh is JsonObject freshObject && target[key] is JsonObject targetObject)
                RemoveDropped(targetObject, oldObject, freshObject);
        }
    }

    private static JsonNode? WithoutNulls(JsonNode? node)
    {
        if (node is not JsonObject obj) return node?.DeepClone();
        var clean = new JsonObject();
        foreach (var (key, value) in obj)
            if (value is not null) clean[key] = WithoutNulls(value);
        return clean;
    }

    private static JsonObject FieldSet(JsonObject applied)
    {
        var set = new JsonObject();
        foreach (var (key, value) in applied)
        {
            if (key is "apiVersion" or "kind" || value is null) continue;
            set["f:" + key] = value is JsonObject child ? FieldSet(child) : new JsonObject();
        }
        return set;
    }
}
