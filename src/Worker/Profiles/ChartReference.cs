using Provisioner.Worker.Planning;

namespace Provisioner.Worker.Profiles;

/// <summary>
/// A request's <c>milvus.chart</c> as a profile compares it: where it comes from, its name and its digest. A repository
/// URL always means its <c>milvus</c> chart (as the planner installs it); a local path must be absolute and plain.
/// </summary>
public sealed record ChartReference(string Repository, string Name, string? Digest)
{
    /// <returns>null with <paramref name="problem"/> set when the reference is not one a profile could allow.</returns>
    public static ChartReference? Parse(string? chart, out string? problem)
    {
        problem = null;
        chart ??= Planner.DefaultChartRepository;
        if (chart.StartsWith("https://", StringComparison.Ordinal)) return new ChartReference(chart, Planner.DefaultChart, null);
        if (chart.StartsWith("http://", StringComparison.Ordinal))
        {
            problem = "is fetched over plain http; charts come only from https repositories, oci:// registries or local paths a profile lists";
            return null;
        }
        string? digest = null;
        var reference = chart;
        if (chart.StartsWith("oci://", StringComparison.Ordinal) && chart.LastIndexOf('@') is var at and > 0)
            (reference, digest) = (chart[..at], chart[(at + 1)..]);
        else if (!chart.StartsWith("oci://", StringComparison.Ordinal) && !IsPlainAbsolutePath(chart))
        {
            problem = "must be an https repository URL, an oci:// reference or an absolute local path without '.' or '..' segments";
            return null;
        }
        var slash = reference.TrimEnd('/').LastIndexOf('/');
        var trimmed = reference.TrimEnd('/');
        return new ChartReference(trimmed[..Math.Max(slash, 0)], trimmed[(slash + 1)..], digest);
    }

    public bool IsAllowedBy(ChartRule rule) =>
        (rule.Repository == "*" || string.Equals(Normalize(rule.Repository), Normalize(Repository), StringComparison.Ordinal))
        && (rule.Name == "*" || string.Equals(rule.Name, Name, StringComparison.Ordinal))
        && (rule.Digest is null || string.Equals(rule.Digest, Digest, StringComparison.Ordinal));

    private static string Normalize(string location) => location.TrimEnd('/');

    private static bool IsPlainAbsolutePath(string path) =>
        path.StartsWith('/') && !path.StartsWith("//", StringComparison.Ordinal)
        && path.Split('/').Skip(1).SkipLast(path.EndsWith('/') ? 1 : 0).All(s => s is not ("" or "." or ".."));
}
