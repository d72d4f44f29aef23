using System.Text.Json;
using System.Text.Json.Nodes;
using Provisioner.Worker.Planning;

namespace Provisioner.Worker.Stages;

/// <summary>
/// The exact differences of a drifted resource, as people read them: each setting as it is now and as it was applied.
/// Only settings the worker itself writes are shown with values; Helm values are named by key, never shown (a request's
/// values may carry credentials).
/// </summary>
public static class DriftText
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string Setting(string setting, object? now, object? applied) => $"{setting}: {Show(now)}, applied {Show(applied)}";

    /// <summary>Each applied tag (or label) that is now absent or different; the run-id mark is the run's, not a setting.</summary>
    public static IEnumerable<string> Tags(string setting, IReadOnlyDictionary<string, string> applied, IReadOnlyDictionary<string, string?>? now) =>
        applied.Where(t => t.Key != OwnershipTags.RunId && (now is null || !now.TryGetValue(t.Key, out var value) || value != t.Value))
            .Select(t => Setting($"{setting} {t.Key}", now?.GetValueOrDefault(t.Key), t.Value));

    /// <summary>Each top-level key of <paramref name="applied"/> and <paramref name="now"/> whose value differs, by name only.</summary>
    public static IEnumerable<string> Keys(string setting, JsonObject applied, JsonObject now) =>
        applied.Select(p => p.Key).Union(now.Select(p => p.Key)).Order(StringComparer.Ordinal)
            .Where(key => !JsonNode.DeepEquals(applied[key], now[key]))
            .Select(key => !now.ContainsKey(key) ? $"{setting}.{key}: removed"
                : !applied.ContainsKey(key) ? $"{setting}.{key}: added (not in the applied values)"
                : $"{setting}.{key}: changed");

    /// <summary>A JSON document (a policy), compact, so the two can be compared side by side.</summary>
    public static string Document(string json)
    {
        try
        {
            return JsonNode.Parse(json)?.ToJsonString() ?? json;
        }
        catch (JsonException)
        {
            return json;
        }
    }

    private static string Show(object? value) => value switch
    {
        null => "absent",
        string s => s,
        _ => JsonSerializer.Serialize(value, Json),
    };
}
