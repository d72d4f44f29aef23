using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Provisioner.Worker.Helm;

/// <summary>One row of <c>helm history -o json</c>. Helm prints the chart as <c>name-version</c>; it is split here.</summary>
public sealed partial record HelmRevision(int Revision, string Status, string Chart, string? ChartVersion, string? AppVersion, string? Description)
{
    public bool IsStuck => HelmStatuses.IsStuck(Status);

    public static IReadOnlyList<HelmRevision> ParseHistory(string json)
    {
        var rows = HelmJson.Array(json, "helm history");
        return rows.OfType<JsonObject>().Select(row =>
        {
            var chart = HelmJson.String(row, "chart", "helm history");
            var (name, version) = SplitChart(chart);
            return new HelmRevision(
                row["revision"]?.GetValue<int>() ?? throw HelmJson.Malformed("helm history", "revision"),
                HelmJson.String(row, "status", "helm history"),
                name,
                version,
                NullIfEmpty(row["app_version"]?.GetValue<string>()),
                row["description"]?.GetValue<string>());
        }).OrderBy(r => r.Revision).ToList();
    }

    /// <summary>Chart names may hold dashes and versions may too (<c>1.0.0-rc.1</c>): the version starts at the first dash before a digit-dot.</summary>
    public static (string Name, string? Version) SplitChart(string chart)
    {
        var match = ChartPattern().Match(chart);
        return match.Success ? (match.Groups["name"].Value, match.Groups["version"].Value) : (chart, null);
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    [GeneratedRegex(@"^(?<name>.+?)-(?<version>v?\d+\.\d+.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex ChartPattern();
}
