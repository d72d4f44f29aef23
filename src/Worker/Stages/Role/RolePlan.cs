namespace Provisioner.Worker.Stages.Role;

/// <summary><paramref name="TrustPolicy"/> is the assume-role policy JSON exactly as sent to IAM.</summary>
public sealed record RolePlan(
    string Name,
    string Path,
    string Arn,
    string OidcIssuer,
    string OidcProviderArn,
    bool CreateOidcProvider,
    string TrustPolicy,
    string PolicyArn,
    string? PermissionsBoundary,
    IReadOnlyDictionary<string, string> Tags);
