namespace Provisioner.Worker.Stages.IamUser;

/// <summary>Access-key mode: the IAM user with the access policy attached (and nothing else attached).</summary>
public sealed record IamUserPlan(
    string Name,
    string Path,
    string Arn,
    string PolicyArn,
    string? PermissionsBoundary,
    IReadOnlyDictionary<string, string> Tags);
