namespace Provisioner.Worker.Stages;

/// <summary>
/// What Observe saw. <paramref name="Drift"/> lists what differs from the plan (empty = up to date);
/// <paramref name="Tags"/> carry ownership and the request that created the resource.
/// </summary>
public sealed record Observation(bool Exists, IReadOnlyDictionary<string, string>? Tags, IReadOnlyList<string> Drift)
{
    public static readonly Observation Missing = new(false, null, []);

    public bool UpToDate => Drift.Count == 0;

    public static Observation Found(IReadOnlyDictionary<string, string>? tags, IReadOnlyList<string> drift) => new(true, tags, drift);
}
