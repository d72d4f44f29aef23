using System.Text.RegularExpressions;

namespace Provisioner.Worker.Tests.Infrastructure;

/// <summary>The stand-in's own copy of apimachinery's name and label rules (independent of the worker's validator).</summary>
public static partial class KubernetesNames
{
    public static string? Dns1123Label(string name) =>
        name.Length > 63 ? "must be no more than 63 characters"
        : LabelPattern().IsMatch(name) ? null
        : "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

    public static string? Dns1123Subdomain(string name) =>
        name.Length > 253 ? "must be no more than 253 characters"
        : SubdomainPattern().IsMatch(name) ? null
        : "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

    public static string? LabelKey(string key)
    {
        var slash = key.LastIndexOf('/');
        var name = slash < 0 ? key : key[(slash + 1)..];
        if (slash >= 0 && Dns1123Subdomain(key[..slash]) is { } prefixProblem) return "prefix part " + prefixProblem;
        if (name.Length is 0 or > 63 || !QualifiedPattern().IsMatch(name))
            return "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character, and be no more than 63 characters";
        return null;
    }

    public static string? LabelValue(string value) =>
        value.Length > 63 ? "must be no more than 63 characters"
        : value.Length == 0 || QualifiedPattern().IsMatch(value) ? null
        : "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex LabelPattern();

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex SubdomainPattern();

    [GeneratedRegex("^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$")]
    private static partial Regex QualifiedPattern();
}
