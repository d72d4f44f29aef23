using System.Text.Json.Nodes;
using Provisioner.Worker.Planning;

namespace Provisioner.Worker.Stages.Verify;

/// <summary>The Milvus guide's document checks, each difference named so a person can act on it.</summary>
public static class PolicyChecks
{
    /// <summary>The trust must hold exactly the expected federated principal, action and conditions.</summary>
    public static IEnumerable<string> TrustDifferences(string expected, string? actual)
    {
        if (actual is null) { yield return "role: no trust policy"; yield break; }
        var want = Statements(expected);
        var have = Statements(actual);
        if (have.Count != 1) yield return $"trust policy: expected exactly 1 statement, found {have.Count}";
        if (want.Count != 1 || have.Count == 0) yield break;
        // Statements come back sorted, so an added one may come first: compare the plan's statement with the closest
        // one, or an added statement would read as every field of the planned one being wrong.
        foreach (var difference in have.Select(h => StatementDifferences(want[0], h).ToList()).MinBy(d => d.Count)!)
            yield return difference;
    }

    /// <summary>The policy's default version must hold exactly the planned statements: none missing, none extra.</summary>
    public static IEnumerable<string> PolicyDifferences(string expected, string? actual)
    {
        if (actual is null) { yield return "access policy: no default version document"; yield break; }
        var want = Statements(expected).Select(Canonical).ToList();
        var have = Statements(actual).Select(Canonical).ToList();
        foreach (var missing in want.Except(have)) yield return $"access policy: missing statement {missing}";
        foreach (var extra in have.Except(want)) yield return $"access policy: extra statement {extra}";
    }

    private static IEnumerable<string> StatementDifferences(JsonNode w, JsonNode h)
    {
        foreach (var (label, path) in TrustFields(w))
        {
            var expectedValue = Scalar(Find(w, path));
            var actualValue = Scalar(Find(h, path));
            if (expectedValue != actualValue) yield return $"trust policy {label}: expected '{expectedValue}', found '{actualValue ?? "(none)"}'";
        }
        var extra = Conditions(h).Except(Conditions(w)).ToList();
        if (extra.Count > 0) yield return $"trust policy: unexpected conditions {string.Join(", ", extra)}";
    }

    private static List<JsonNode> Statements(string json) => PolicyComparer.Normalize(JsonNode.Parse(json))?["Statement"] switch
    {
        JsonArray array => array.Where(s => s is not null).Select(s => s!).ToList(),
        JsonObject single => [single],
        _ => [],
    };

    private static IEnumerable<(string Label, string[] Path)> TrustFields(JsonNode statement)
    {
        yield return ("effect", ["Effect"]);
        yield return ("principal", ["Principal", "Federated"]);
        yield return ("action", ["Action"]);
        foreach (var key in Conditions(statement))
            yield return (key.EndsWith(":sub", StringComparison.Ordinal) ? "sub" : key.EndsWith(":aud", StringComparison.Ordinal) ? "aud" : key,
                ["Condition", "StringEquals", key]);
    }

    private static IEnumerable<string> Conditions(JsonNode statement) =>
        statement["Condition"] is JsonObject conditions
            ? conditions.SelectMany(op => op.Value is JsonObject keys ? keys.Select(k => op.Key == "StringEquals" ? k.Key : $"{op.Key}:{k.Key}") : [])
            : [];

    private static JsonNode? Find(JsonNode node, string[] path) => path.Aggregate((JsonNode?)node, (n, key) => n?[key]);

    private static string? Scalar(JsonNode? node) => node switch
    {
        null => null,
        JsonArray { Count: 1 } single => single[0]?.ToString(),
        JsonArray many => string.Join(",", many.Select(m => m?.ToString())),
        _ => node.ToString(),
    };

    private static string Canonical(JsonNode statement) => statement.ToJsonString();
}
