namespace Provisioner.Worker.Stages.AccessPolicy;

/// <summary><paramref name="Document"/> is the policy JSON exactly as sent to IAM.</summary>
public sealed record AccessPolicyPlan(
    string Name,
    string Path,
    string Arn,
    string Permissions,
    string Document,
    IReadOnlyDictionary<string, string> Tags);
