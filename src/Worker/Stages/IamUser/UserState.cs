namespace Provisioner.Worker.Stages.IamUser;

/// <summary>
/// What a user update replaces: boundary, tags, attached policies and inline policies (name → document, read only when
/// they are about to be removed); and what drifted.
/// </summary>
public sealed record UserState(string? PermissionsBoundary, IReadOnlyDictionary<string, string> Tags, IReadOnlyList<string> AttachedPolicies,
    IReadOnlyDictionary<string, string> InlinePolicies, IReadOnlyList<string> Drift);
