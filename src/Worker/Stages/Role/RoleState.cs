namespace Provisioner.Worker.Stages.Role;

/// <summary>What a role update replaces: its trust policy, permissions boundary, tags and attached policies; and what drifted.</summary>
public sealed record RoleState(string TrustPolicy, string? PermissionsBoundary, IReadOnlyDictionary<string, string> Tags,
    IReadOnlyList<string> AttachedPolicies, IReadOnlyList<string> Drift);
