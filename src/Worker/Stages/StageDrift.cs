using Provisioner.Contracts;
using Provisioner.Worker.Planning;

namespace Provisioner.Worker.Stages;

/// <summary>
/// One resource that no longer matches what was applied: <c>missing</c> (someone deleted it), <c>foreign</c> (our tags
/// were removed: reported, never touched) or <c>changed</c> with the settings that differ and what they are now.
/// </summary>
public sealed record StageDrift(string Stage, string Resource, string Kind, IReadOnlyList<string> Differences, string? Observed)
{
    public const string Missing = "missing";
    public const string Foreign = "foreign";
    public const string Changed = "changed";

    public static StageDrift? Of(string stage, string resource, Observation observed, string environment)
    {
        if (!observed.Exists) return new(stage, resource, Missing, [], null);
        if (!OwnershipTags.IsOwnedBy(observed.Tags, environment)) return new(stage, resource, Foreign, [], null);
        return observed.UpToDate ? null : new(stage, resource, Changed, observed.Differences ?? observed.Drift, observed.State);
    }

    /// <summary>What events and status carry: the differences, without the observed state.</summary>
    public DriftFinding ToFinding() => new(Stage, Resource, Kind, Differences);
}
