using System.Text.Json.Nodes;

namespace Provisioner.Worker.Planning;

/// <summary>
/// Compares policy documents by meaning: IAM may return a single action as a string or an array,
/// reorder keys, or reformat whitespace.
/// </summary>
public static class PolicyComparer
{
    public static bool AreEquivalent(string? left, string? right)
    {
        if (left is null || right is null) return left == right;
        try
        {
            return JsonNode.DeepEquals(Normalize(JsonNode.Parse(left)), Normalize(JsonNode.Parse(right)));
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }

    private static readonly HashSet<string> SetValuedKeys =
        ["Action", "NotAction", "Resource", "NotResource", "Statement", "AWS", "Federated", "Service"];

    public static JsonNode? Normalize(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(p.Key, SetValuedKeys.Contains(p.Key) ? AsSortedArray(p.Value) : Normalize(p.Value)))),
        JsonArray array => new JsonArray(array.Select(Normalize).ToArray()),
        JsonValue value => JsonValue.Create(value.ToString()),
        _ => null,
    };

    private static JsonNode AsSortedArray(JsonNode? value)
    {
        var items = value is JsonArray array ? array.Select(Normalize) : [Normalize(value)];
        return new JsonArray(items.OrderBy(i => i?.ToJsonString(), StringComparer.Ordinal).ToArray());
    }
}
