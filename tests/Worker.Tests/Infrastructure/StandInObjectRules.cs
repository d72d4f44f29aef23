using System.Text.Json.Nodes;

namespace Provisioner.Worker.Tests.Infrastructure;

/// <summary>
/// What the API server does to an object on its way into storage: name and label validation, the metadata it owns
/// (uid, creationTimestamp, resourceVersion, generation), defaulting (<see cref="StandInDefaults"/>), and status that
/// only its subresource may change.
/// </summary>
public static class StandInObjectRules
{
    private static readonly string[] ServerOwnedMetadata = ["uid", "creationTimestamp", "generation", "resourceVersion", "managedFields", "deletionTimestamp"];

    public static StandInResult? Invalid(StandInResourceType type, string name, JsonObject body)
    {
        var causes = new List<(string Field, string Message)>();
        var nameProblem = name.Length == 0 ? "name or generateName is required"
            : type.Plural == "namespaces" ? KubernetesNames.Dns1123Label(name) : KubernetesNames.Dns1123Subdomain(name);
        if (nameProblem is not null) causes.Add(("metadata.name", name.Length == 0 ? "Required value: " + nameProblem : $"Invalid value: \"{name}\": {nameProblem}"));
        foreach (var (key, value) in body["metadata"]?["labels"] as JsonObject ?? [])
        {
            var text = value?.GetValue<string>() ?? "";
            if (KubernetesNames.LabelKey(key) is { } keyProblem) causes.Add(("metadata.labels", $"Invalid value: \"{key}\": {keyProblem}"));
            if (KubernetesNames.LabelValue(text) is { } valueProblem) causes.Add(("metadata.labels", $"Invalid value: \"{text}\": {valueProblem}"));
        }
        foreach (var (key, _) in body["metadata"]?["annotations"] as JsonObject ?? [])
            if (KubernetesNames.LabelKey(key) is { } keyProblem) causes.Add(("metadata.annotations", $"Invalid value: \"{key}\": {keyProblem}"));
        return causes.Count == 0 ? null : KubernetesStatus.Invalid(type.Kind, type.Plural, name, causes);
    }

    public static JsonObject Created(StandInResourceType type, string ns, JsonObject item, string resourceVersion)
    {
        item["kind"] = type.Kind;
        item["apiVersion"] = type.ApiVersion;
        var metadata = item["metadata"] as JsonObject ?? new JsonObject();
        item["metadata"] = metadata;
        foreach (var owned in ServerOwnedMetadata) metadata.Remove(owned);
        if (ns.Length > 0) metadata["namespace"] = ns;
        metadata["uid"] = Guid.NewGuid().ToString();
        metadata["resourceVersion"] = resourceVersion;
        if (type.TracksGeneration) metadata["generation"] = 1;
        metadata["creationTimestamp"] = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ");
        if (type.HasStatus) item.Remove("status");
        StandInDefaults.Apply(type, item);
        return item;
    }

    /// <summary>The next state of an update: the server's metadata and the status are kept; a spec change counts a generation.</summary>
    public static JsonObject Updated(StandInResourceType type, JsonObject current, JsonObject changed)
    {
        changed["kind"] = type.Kind;
        changed["apiVersion"] = type.ApiVersion;
        var metadata = changed["metadata"] as JsonObject ?? new JsonObject();
        changed["metadata"] = metadata;
        foreach (var owned in ServerOwnedMetadata)
        {
            metadata.Remove(owned);
            if (current["metadata"]![owned] is { } kept) metadata[owned] = kept.DeepClone();
        }
        if (current["metadata"]!["namespace"] is { } ns) metadata["namespace"] = ns.DeepClone();
        if (type.HasStatus)
        {
            changed.Remove("status");
            if (current["status"] is { } status) changed["status"] = status.DeepClone();
        }
        StandInDefaults.Apply(type, changed);
        if (type.TracksGeneration && !JsonNode.DeepEquals(Spec(current), Spec(changed)))
            metadata["generation"] = (Number(current["metadata"]!["generation"]) ?? 0) + 1;
        return changed;
    }

    /// <summary>A JSON number whether parsed or built in memory (where GetValue insists on the exact CLR type).</summary>
    public static int? Number(JsonNode? node) => node is JsonValue value && int.TryParse(value.ToJsonString(), out var n) ? n : null;

    private static JsonObject Spec(JsonObject item)
    {
        var copy = (JsonObject)item.DeepClone();
        copy.Remove("metadata");
        copy.Remove("status");
        return copy;
    }
}
