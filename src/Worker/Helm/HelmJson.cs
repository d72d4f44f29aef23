using System.Text.Json;
using System.Text.Json.Nodes;

namespace Provisioner.Worker.Helm;

/// <summary>Reading helm's JSON output; a shape we do not understand is a clear error, never a silent default.</summary>
internal static class HelmJson
{
    public static JsonObject Object(string json, string command) =>
        Parse(json, command) as JsonObject ?? throw new FormatException($"{command} did not print a JSON object");

    public static JsonArray Array(string json, string command) =>
        // Helm prints nothing but "null" for an empty list in some versions.
        Parse(json, command) switch { JsonArray array => array, null => [], _ => throw new FormatException($"{command} did not print a JSON array") };

    public static string String(JsonObject node, string property, string command) =>
        node[property] is JsonValue value && value.TryGetValue<string>(out var text) ? text : throw Malformed(command, property);

    public static FormatException Malformed(string command, string property) =>
        new($"{command} printed JSON without '{property}'");

    private static JsonNode? Parse(string json, string command)
    {
        try
        {
            return JsonNode.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new FormatException($"{command} did not print JSON: {ex.Message}", ex);
        }
    }
}
