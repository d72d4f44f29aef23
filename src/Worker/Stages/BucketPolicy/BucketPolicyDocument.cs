using System.Text.Json;
using System.Text.Json.Nodes;
using Provisioner.Worker.Planning;

namespace Provisioner.Worker.Stages.BucketPolicy;

/// <summary>
/// A bucket policy split into our statements (Sid prefix) and everyone else's, which are carried over untouched.
/// </summary>
public sealed class BucketPolicyDocument
{
    private readonly JsonObject root;

    private BucketPolicyDocument(JsonObject root) => this.root = root;

    /// <summary>
    /// No policy reads as empty: S3 answers NoSuchBucketPolicy, which the SDK sometimes hands back as the Policy text (XML).
    /// </summary>
    public static BucketPolicyDocument Parse(string? policy)
    {
        if (string.IsNullOrWhiteSpace(policy) || !policy.TrimStart().StartsWith('{')) return Empty();
        try
        {
            return JsonNode.Parse(policy) is JsonObject root ? new BucketPolicyDocument(root) : Empty();
        }
        catch (JsonException)
        {
            return Empty();
        }
    }

    private static BucketPolicyDocument Empty() => new(new JsonObject { ["Version"] = PolicyDocuments.Version, ["Statement"] = new JsonArray() });

    public IReadOnlyList<JsonObject> Statements => root["Statement"] switch
    {
        JsonArray array => array.OfType<JsonObject>().ToList(),
        JsonObject single => [single],
        _ => [],
    };

    public IReadOnlyList<JsonObject> Ours(string sidPrefix) => Statements.Where(s => IsOurs(s, sidPrefix)).ToList();

    public bool IsEmpty => Statements.Count == 0;

    /// <summary>This document with our statements replaced by <paramref name="planned"/>; foreign statements keep their place.</summary>
    public BucketPolicyDocument WithOurs(string sidPrefix, IEnumerable<string> planned)
    {
        var copy = root.DeepClone().AsObject();
        var statements = Statements.Where(s => !IsOurs(s, sidPrefix)).Select(s => s.DeepClone())
            .Concat(planned.Select(p => JsonNode.Parse(p)!));
        copy["Statement"] = new JsonArray(statements.ToArray());
        return new BucketPolicyDocument(copy);
    }

    /// <summary>Same statements by meaning: order, single-vs-array values and key order do not count.</summary>
    public static bool SameStatements(IEnumerable<JsonObject> actual, IEnumerable<string> planned) =>
        PolicyComparer.AreEquivalent(Wrap(actual.Select(s => s.DeepClone())), Wrap(planned.Select(p => JsonNode.Parse(p)!)));

    public string ToJson() => root.ToJsonString();

    private static bool IsOurs(JsonObject statement, string sidPrefix) =>
        statement["Sid"] is JsonValue sid && sid.TryGetValue<string>(out var text) && text.StartsWith(sidPrefix, StringComparison.Ordinal);

    /// <summary>Condition values may come back as a string or a one-element array: compare them as sorted arrays.</summary>
    private static string Wrap(IEnumerable<JsonNode> statements)
    {
        var array = new JsonArray();
        foreach (var statement in statements)
        {
            if (statement["Condition"] is JsonObject condition)
                foreach (var (_, keys) in condition)
                    if (keys is JsonObject byKey)
                        foreach (var key in byKey.Select(k => k.Key).ToList())
                            byKey[key] = AsSortedArray(byKey[key]);
            array.Add(statement);
        }
        return new JsonObject { ["Statement"] = array }.ToJsonString();
    }

    private static JsonArray AsSortedArray(JsonNode? value)
    {
        var items = value is JsonArray array ? array.Select(v => v?.ToString() ?? "") : [value?.ToString() ?? ""];
        return new JsonArray(items.Order(StringComparer.Ordinal).Select(v => (JsonNode)JsonValue.Create(v)).ToArray());
    }
}
