using System.Net;
using System.Text.RegularExpressions;

namespace Provisioner.Worker.Validation;

/// <summary>The naming rules of S3, IAM, Kubernetes and Helm, each returning the problems of one value.</summary>
public static partial class NameRules
{
    private static readonly string[] ReservedBucketPrefixes = ["xn--", "sthree-", "amzn-s3-demo-"];
    private static readonly string[] ReservedBucketSuffixes = ["-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"];

    public static IEnumerable<string> BucketName(string name)
    {
        if (name.Length is < 3 or > 63) yield return $"must be 3 to 63 characters long (is {name.Length})";
        if (!BucketChars().IsMatch(name)) yield return "may contain only lowercase letters, digits, hyphens and dots";
        if (name.Length > 0 && (!char.IsAsciiLetterOrDigit(name[0]) || !char.IsAsciiLetterOrDigit(name[^1])))
            yield return "must begin and end with a letter or digit";
        if (name.Contains("..")) yield return "must not contain two adjacent dots";
        if (IPv4Shape().IsMatch(name) && IPAddress.TryParse(name, out _)) yield return "must not be formatted as an IP address";
        foreach (var prefix in ReservedBucketPrefixes.Where(p => name.StartsWith(p, StringComparison.Ordinal)))
            yield return $"must not start with the reserved prefix '{prefix}'";
        foreach (var suffix in ReservedBucketSuffixes.Where(s => name.EndsWith(s, StringComparison.Ordinal)))
            yield return $"must not end with the reserved suffix '{suffix}'";
    }

    public static IEnumerable<string> IamName(string name, int maxLength)
    {
        if (name.Length == 0 || name.Length > maxLength) yield return $"must be 1 to {maxLength} characters long (is {name.Length})";
        if (!IamChars().IsMatch(name)) yield return "may contain only letters, digits and + = , . @ _ -";
    }

    public static IEnumerable<string> IamPath(string path)
    {
        if (path.Length > 512) yield return "must be at most 512 characters long";
        if (!IamPathShape().IsMatch(path)) yield return "must be '/' or start and end with '/' with printable ASCII between";
    }

    public static IEnumerable<string> DnsLabel(string name, int maxLength = 63)
    {
        if (name.Length == 0 || name.Length > maxLength) yield return $"must be 1 to {maxLength} characters long (is {name.Length})";
        if (!DnsLabelShape().IsMatch(name))
            yield return "must be lowercase letters, digits and '-', starting and ending with a letter or digit (RFC 1123)";
    }

    public static IEnumerable<string> DnsSubdomain(string name, int maxLength = 253)
    {
        if (name.Length == 0 || name.Length > maxLength) yield return $"must be 1 to {maxLength} characters long (is {name.Length})";
        if (!DnsSubdomainShape().IsMatch(name))
            yield return "must be lowercase RFC 1123 labels separated by dots";
    }

    [GeneratedRegex("^[a-z0-9.-]*$")] private static partial Regex BucketChars();
    [GeneratedRegex(@"^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$")] private static partial Regex IPv4Shape();
    [GeneratedRegex(@"^[A-Za-z0-9+=,.@_-]*$")] private static partial Regex IamChars();
    [GeneratedRegex(@"^(/|/[\u0021-\u007E]+/)$")] private static partial Regex IamPathShape();
    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")] private static partial Regex DnsLabelShape();
    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")] private static partial Regex DnsSubdomainShape();
}
