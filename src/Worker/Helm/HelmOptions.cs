namespace Provisioner.Worker.Helm;

/// <summary>Bound from the <c>Helm</c> configuration section.</summary>
public sealed record HelmOptions
{
    public const string Section = "Helm";

    /// <summary>The helm executable: a name found on PATH or an absolute path. Helm 3 and Helm 4 are both supported.</summary>
    public string Binary { get; init; } = "helm";

    /// <summary>How long helm may wait for the release's resources to become ready (<c>--timeout</c>).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>Empty = the kubeconfig's current context.</summary>
    public string? KubeContext { get; init; }

    /// <summary>Empty = helm's own lookup: <c>KUBECONFIG</c>, then ~/.kube/config, then the in-cluster ServiceAccount.</summary>
    public string? Kubeconfig { get; init; }
}
