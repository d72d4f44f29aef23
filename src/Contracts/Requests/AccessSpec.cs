namespace Provisioner.Contracts;

public sealed record AccessSpec
{
    /// <summary><c>irsa</c> (default) or <c>access-key</c> (an IAM user whose key lands in a Kubernetes Secret).</summary>
    public string Mode { get; init; } = "irsa";

    /// <summary><c>read-write</c> (default) or <c>read-only</c>.</summary>
    public string Permissions { get; init; } = "read-write";

    public string RolePath { get; init; } = "/";
    public string? PermissionsBoundary { get; init; }

    /// <summary>Derived from the environment when absent.</summary>
    public string? RoleName { get; init; }

    /// <summary>Derived from the environment when absent.</summary>
    public string? PolicyName { get; init; }

    /// <summary>Access-key mode: the IAM user; derived from the environment when absent.</summary>
    public string? UserName { get; init; }

    /// <summary>Access-key mode: the Secret in <c>kubernetes.namespace</c>; derived from the environment when absent.</summary>
    public string? SecretName { get; init; }
}
