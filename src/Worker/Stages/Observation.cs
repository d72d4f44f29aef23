namespace Provisioner.Worker.Stages;

/// <summary>
/// What Observe saw. <paramref name="Drift"/> lists what differs from the plan (empty = up to date);
/// <paramref name="Tags"/> carry ownership and the run that created the resource. <see cref="State"/> is what an update
/// would replace (the resource's own JSON), kept before the update so a compensation can put it back.
/// </summary>
public sealed record Observation(bool Exists, IReadOnlyDictionary<string, string>? Tags, IReadOnlyList<string> Drift)
{
    public static readonly Observation Missing = new(false, null, []);

    public bool UpToDate => Drift.Count == 0;

    /// <summary>
    /// What differs, exactly, for people (drift reports, events, status): each drifted setting as it is now and as it was
    /// applied. Null where a resource gives only the names in <see cref="Drift"/>.
    /// </summary>
    public IReadOnlyList<string>? Differences { get; init; }

    /// <summary>The current values of what <see cref="Drift"/> names, for <see cref="IResource{TPlan}.RestoreAsync"/>; null when nothing drifted.</summary>
    public string? State { get; init; }

    /// <summary>Carries no ownership mark at all: not ours, not anyone's — what a create cut short leaves behind.</summary>
    public bool Unmarked => Tags is null || !Tags.ContainsKey(Planning.OwnershipTags.ManagedBy);

    /// <summary>
    /// An unmarked resource this run was creating when it was cut short, seen with the mark the create would have
    /// written, so the update that follows marks it as this run's own (run id included) like an uninterrupted create.
    /// </summary>
    public Observation ClaimedBy(string environment, Guid runId)
    {
        var tags = new Dictionary<string, string>(Tags ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        foreach (var (key, value) in Planning.OwnershipTags.For(environment, runId)) tags[key] = value;
        return this with { Tags = tags };
    }

    public static Observation Found(IReadOnlyDictionary<string, string>? tags, IReadOnlyList<string> drift, string? state = null) =>
        new(true, tags, drift) { State = drift.Count == 0 ? null : state };
}
