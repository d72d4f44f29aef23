using System.Text.Json;

namespace Provisioner.Worker.Profiles;

/// <summary>
/// The allow-list of <c>milvus.values</c> key paths. A pattern is dot-separated segments: a name, <c>*</c> (one
/// segment) or a final <c>**</c> (any depth); a pattern also allows everything below it. A segment that can widen what
/// a pod may do (its ServiceAccount, image, security context, host access, volumes, containers, RBAC) is allowed only
/// where a pattern names it literally — never through <c>*</c>, <c>**</c> or a shorter pattern.
/// </summary>
public static class ValuePaths
{
    private static readonly string[] Sensitive =
        ["serviceaccount", "image", "securitycontext", "host", "volume", "rbac", "privileged", "container", "capabilit", "role", "secret", "env"];

    /// <summary>The leaf paths of the overrides that no pattern allows.</summary>
    public static IEnumerable<string> Refused(JsonElement values, IReadOnlyList<string> patterns) =>
        Leaves(values, []).Where(path => !patterns.Any(p => Allows(p.Split('.'), path))).Select(path => string.Join('.', path));

    public static bool IsSensitive(string segment) =>
        Sensitive.Any(s => segment.Contains(s, StringComparison.OrdinalIgnoreCase)) && !segment.Equals("environment", StringComparison.OrdinalIgnoreCase);

    private static bool Allows(string[] pattern, IReadOnlyList<string> path)
    {
        for (var i = 0; i < pattern.Length; i++)
        {
            if (pattern[i] == "**") return path.Skip(i).All(s => !IsSensitive(s));
            if (i >= path.Count) return false;
            if (pattern[i] == "*" ? IsSensitive(path[i]) : !string.Equals(pattern[i], path[i], StringComparison.Ordinal)) return false;
        }
        return path.Skip(pattern.Length).All(s => !IsSensitive(s));
    }

    /// <summary>Objects are walked; anything else (an array included) is a leaf, as is an empty object.</summary>
    private static IEnumerable<IReadOnlyList<string>> Leaves(JsonElement element, List<string> prefix)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.EnumerateObject().Any())
        {
            if (prefix.Count > 0) yield return prefix.ToList();
            yield break;
        }
        foreach (var property in element.EnumerateObject())
        {
            prefix.Add(property.Name);
            foreach (var leaf in Leaves(property.Value, prefix)) yield return leaf;
            prefix.RemoveAt(prefix.Count - 1);
        }
    }
}
