using System.Text.Json.Nodes;

namespace Provisioner.Worker.Tests.Infrastructure;

/// <summary>
/// Label and field selectors as the API server parses them: <c>a=b</c>, <c>a==b</c>, <c>a!=b</c>, <c>a</c>, <c>!a</c>,
/// <c>a in (x,y)</c>, <c>a notin (x,y)</c>, comma-separated; field selectors know <c>metadata.name</c> and <c>metadata.namespace</c>.
/// </summary>
public sealed class StandInSelector
{
    private readonly List<Func<Func<string, string?>, bool>> terms = [];

    private StandInSelector()
    {
    }

    public static StandInSelector Everything { get; } = new();

    /// <returns>Null with <paramref name="problem"/> set when the text is not a selector.</returns>
    public static StandInSelector? Parse(string? text, out string? problem)
    {
        problem = null;
        var selector = new StandInSelector();
        foreach (var term in Split(text ?? ""))
        {
            var t = term.Trim();
            if (t.Length == 0) continue;
            var added = TrySet(selector, t, " notin ", negate: true) || TrySet(selector, t, " in ", negate: false) || TryCompare(selector, t);
            if (!added)
            {
                problem = $"unable to parse requirement: {text}";
                return null;
            }
        }
        return selector;
    }

    public bool Matches(Func<string, string?> value) => terms.All(t => t(value));

    public bool MatchesLabels(JsonObject item) => Matches(key => item["metadata"]?["labels"]?[key]?.GetValue<string>());

    public bool MatchesFields(JsonObject item) => Matches(key => key switch
    {
        "metadata.name" => item["metadata"]?["name"]?.GetValue<string>(),
        "metadata.namespace" => item["metadata"]?["namespace"]?.GetValue<string>() ?? "",
        _ => null,
    });

    private static bool TrySet(StandInSelector selector, string term, string op, bool negate)
    {
        var at = term.IndexOf(op, StringComparison.Ordinal);
        if (at < 0) return false;
        var key = term[..at].Trim();
        var list = term[(at + op.Length)..].Trim();
        if (!list.StartsWith('(') || !list.EndsWith(')')) return false;
        var values = list[1..^1].Split(',').Select(v => v.Trim()).ToHashSet(StringComparer.Ordinal);
        selector.terms.Add(get => get(key) is { } v ? values.Contains(v) != negate : negate);
        return true;
    }

    private static bool TryCompare(StandInSelector selector, string term)
    {
        foreach (var op in new[] { "!=", "==", "=" })
        {
            var at = term.IndexOf(op, StringComparison.Ordinal);
            if (at < 0) continue;
            var (key, value) = (term[..at].Trim(), term[(at + op.Length)..].Trim());
            if (key.Length == 0) return false;
            selector.terms.Add(op == "!=" ? get => get(key) != value : get => get(key) == value);
            return true;
        }
        if (term.StartsWith('!')) selector.terms.Add(get => get(term[1..].Trim()) is null);
        else selector.terms.Add(get => get(term) is not null);
        return !term.Contains(' ', StringComparison.Ordinal);
    }

    /// <summary>Commas inside <c>in (a,b)</c> do not split terms.</summary>
    private static IEnumerable<string> Split(string text)
    {
        var (depth, start) = (0, 0);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '(') depth++;
            else if (text[i] == ')') depth--;
            else if (text[i] == ',' && depth == 0)
            {
                yield return text[start..i];
                start = i + 1;
            }
        }
        yield return text[start..];
    }
}
