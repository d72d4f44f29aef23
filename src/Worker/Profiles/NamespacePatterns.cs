using System.Text.RegularExpressions;

namespace Provisioner.Worker.Profiles;

/// <summary>Namespace patterns: <c>{tenant}</c> and <c>{environment}</c> replaced, <c>*</c> any run of name characters.</summary>
public static class NamespacePatterns
{
    /// <summary>Why a namespace is never allowed, whatever a profile says; null when it is not one of those.</summary>
    public static string? NeverAllowed(string ns, string? workerNamespace) =>
        ns.StartsWith("kube-", StringComparison.Ordinal) ? "kube-* namespaces belong to the cluster and are never allowed"
        : ns == "default" ? "the default namespace is never allowed"
        : workerNamespace is { Length: > 0 } && ns == workerNamespace ? "the worker's own namespace is never allowed"
        : null;

    public static bool Matches(string pattern, string ns, string tenant, string environment)
    {
        var expanded = pattern.Replace("{tenant}", tenant, StringComparison.Ordinal).Replace("{environment}", environment, StringComparison.Ordinal);
        var regex = "^" + string.Join("[a-z0-9-]*", expanded.Split('*').Select(Regex.Escape)) + "$";
        return Regex.IsMatch(ns, regex, RegexOptions.None, TimeSpan.FromSeconds(1));
    }

    public static bool MatchesAny(IEnumerable<string> patterns, string ns, string tenant, string environment) =>
        patterns.Any(p => Matches(p, ns, tenant, environment));
}
