using System.Net;
using System.Text.RegularExpressions;
using Provisioner.Contracts;
using Provisioner.Worker.Planning;

namespace Provisioner.Worker.Validation;

/// <summary>Cross-account grants: named principals of other accounts only, never a wildcard.</summary>
public static partial class CrossAccountRules
{
    /// <summary>S3 caps a bucket policy at 20 KB, and foreign statements share that budget.</summary>
    public const int MaxGrants = 20;

    public static IEnumerable<RequestProblem> Check(EnvironmentRequest request, DateTimeOffset now)
    {
        if (request.CrossAccount is not { } grants) yield break;
        if (grants.Count > MaxGrants)
            yield return new RequestProblem("crossAccount", $"at most {MaxGrants} grants (is {grants.Count}); S3 bucket policies are limited to 20 KB");
        var partition = Partitions.ForRegion(request.Aws.Region);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < grants.Count; i++)
        {
            var field = $"crossAccount[{i}]";
            var grant = grants[i];
            foreach (var message in Principal(grant.Principal, partition, request.Aws.AccountId))
                yield return new RequestProblem($"{field}.principal", message);
            if (!seen.Add(grant.Principal))
                yield return new RequestProblem($"{field}.principal", "is granted twice; give each principal one grant");
            if (grant.Permissions is not ("read-only" or "read-write"))
                yield return new RequestProblem($"{field}.permissions", "must be read-only or read-write");
            if (grant.Conditions is not { } conditions) continue;
            if (conditions.SourceIp is { Count: 0 })
                yield return new RequestProblem($"{field}.conditions.sourceIp", "is empty; omit it to allow any address");
            foreach (var (cidr, j) in (conditions.SourceIp ?? []).Select((c, j) => (c, j)))
                if (!IsCidr(cidr))
                    yield return new RequestProblem($"{field}.conditions.sourceIp[{j}]",
                        $"'{TextRules.Printable(cidr)}' is not a CIDR block such as 203.0.113.0/24 or 2001:db8::/32 (host bits must be zero; one address is /32 or /128)");
            if (conditions.NotAfter is { } notAfter && notAfter <= now)
                yield return new RequestProblem($"{field}.conditions.notAfter", $"{notAfter:O} is not in the future");
        }
    }

    /// <summary>A prefix length is required, and a block with host bits set is refused rather than silently widened.</summary>
    private static bool IsCidr(string value) =>
        value.Split('/') is [var address, _] && IPNetwork.TryParse(value, out var network)
        && IPAddress.TryParse(address, out var parsed) && parsed.Equals(network.BaseAddress);

    private static IEnumerable<string> Principal(string principal, string partition, string? ownAccount)
    {
        if (principal.Contains('*') || principal.Contains('?'))
        {
            yield return "must name one principal; wildcards are never granted";
            yield break;
        }
        var match = PrincipalShape().Match(principal);
        if (!match.Success)
        {
            yield return "must be the ARN of an account root, role or user (arn:aws:iam::<12 digits>:root|role/<name>|user/<name>)";
            yield break;
        }
        if (match.Groups["partition"].Value != partition)
            yield return $"is in partition {match.Groups["partition"].Value}, but the bucket is in {partition}";
        if (match.Groups["account"].Value == ownAccount)
            yield return "is in this bucket's own account (aws.accountId); cross-account grants are for other accounts";
    }

    [GeneratedRegex(@"^arn:(?<partition>aws|aws-cn|aws-us-gov):iam::(?<account>\d{12}):(root|(role|user)(/[A-Za-z0-9_+=,.@-]+)*/[A-Za-z0-9_+=,.@-]{1,64})$")]
    private static partial Regex PrincipalShape();
}
