using System.Text.Json.Nodes;
using Provisioner.Worker.Helm;

namespace Provisioner.Worker.Stages.MilvusRelease;

/// <summary>How a release differs from its plan: its status, its user-supplied values, its pinned chart version.</summary>
public static class ReleaseDrift
{
    public const string Status = "status";
    public const string Values = "values";
    public const string ChartVersion = "chart-version";

    /// <param name="current">The release's latest revision.</param>
    /// <param name="values">Its user-supplied values, marker included.</param>
    public static IReadOnlyList<string> Of(MilvusReleasePlan plan, HelmRevision current, JsonObject values)
    {
        var drift = new List<string>();
        if (current.Status != HelmStatuses.Deployed) drift.Add(Status);
        var desired = OwnershipMarker.WithoutRunId(OwnershipMarker.Apply(plan.Values, plan.Tags));
        if (!JsonNode.DeepEquals(desired, OwnershipMarker.WithoutRunId(values))) drift.Add(Values);
        if (IsExactVersion(plan.Version) && current.ChartVersion is { } deployed && !SameVersion(plan.Version!, deployed))
            drift.Add(ChartVersion);
        return drift;
    }

    /// <summary>The exact differences of what <see cref="Of"/> names; values by key only (they may carry credentials).</summary>
    public static IReadOnlyList<string> Describe(MilvusReleasePlan plan, HelmRevision current, JsonObject values)
    {
        var text = new List<string>();
        foreach (var setting in Of(plan, current, values))
        {
            if (setting == Status) text.Add(Stages.DriftText.Setting($"{Status} (revision {current.Revision})", current.Status, HelmStatuses.Deployed));
            else if (setting == ChartVersion) text.Add(Stages.DriftText.Setting(ChartVersion, current.ChartVersion, plan.Version));
            else
                text.AddRange(Stages.DriftText.Keys(Values, OwnershipMarker.WithoutRunId(OwnershipMarker.Apply(plan.Values, plan.Tags)),
                    OwnershipMarker.WithoutRunId(values)));
        }
        return text;
    }

    /// <summary>A range (<c>^5.0.0</c>, <c>&gt;=5</c>, <c>5.x</c>) is satisfied by many versions: only a pinned one can drift.</summary>
    public static bool IsExactVersion(string? version) =>
        !string.IsNullOrWhiteSpace(version) && version.IndexOfAny(['^', '~', '>', '<', '=', '*', '|', ' ', ',']) < 0
        && !version.Split('.').Any(part => part is "x" or "X");

    private static bool SameVersion(string planned, string deployed) =>
        string.Equals(planned.TrimStart('v'), deployed.TrimStart('v'), StringComparison.Ordinal);
}
