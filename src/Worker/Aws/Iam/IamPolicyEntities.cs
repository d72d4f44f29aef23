namespace Provisioner.Worker.Aws.Iam;

/// <summary>The names of what a managed policy is attached to.</summary>
public sealed record IamPolicyEntities(IReadOnlyList<string> Roles, IReadOnlyList<string> Users, IReadOnlyList<string> Groups);
