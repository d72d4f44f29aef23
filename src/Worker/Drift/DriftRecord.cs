using Provisioner.Contracts;

namespace Provisioner.Worker.Drift;

/// <summary>The drift reported and not yet repaired (kept in the saga; status shows it as <c>drifted</c>).</summary>
public sealed record DriftRecord(IReadOnlyList<DriftFinding> Findings, DateTimeOffset DetectedAt)
{
    public static bool Same(IReadOnlyList<DriftFinding> a, IReadOnlyList<DriftFinding> b) =>
        a.Count == b.Count && a.Zip(b).All(p => p.First.Stage == p.Second.Stage && p.First.Resource == p.Second.Resource
            && p.First.Kind == p.Second.Kind && p.First.Differences.SequenceEqual(p.Second.Differences));
}
