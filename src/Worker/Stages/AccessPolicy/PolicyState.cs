namespace Provisioner.Worker.Stages.AccessPolicy;

/// <summary>What a policy update replaces: the default version, the versions there were, the tags; and what drifted.</summary>
public sealed record PolicyState(string DefaultVersionId, IReadOnlyList<string> VersionIds, IReadOnlyDictionary<string, string> Tags,
    IReadOnlyList<string> Drift);
