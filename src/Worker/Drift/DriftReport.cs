using Provisioner.Worker.Stages;

namespace Provisioner.Worker.Drift;

/// <summary>The answer of a drift check: every resource of the applied request that differs from it, stage by stage.</summary>
public sealed record DriftReport(string Environment, DateTimeOffset CheckedAt, IReadOnlyList<StageDrift> Drift)
{
    public bool InSync => Drift.Count == 0;

    /// <summary>What events and status carry of it: the differences, without the observed state.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<Contracts.DriftFinding> Findings => [.. Drift.Select(d => d.ToFinding())];
}
