namespace Provisioner.Worker.Stages.ServiceAccount;

/// <summary>
/// What an update of the ServiceAccount replaces: the values the planned annotations and labels had (null = absent);
/// and what drifted.
/// </summary>
public sealed record ServiceAccountState(IReadOnlyDictionary<string, string?> Annotations, IReadOnlyDictionary<string, string?> Labels,
    IReadOnlyList<string> Drift);
