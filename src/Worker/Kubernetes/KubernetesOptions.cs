namespace Provisioner.Worker.Kubernetes;

/// <summary>Bound from the <c>Kubernetes</c> configuration section. Inside a pod the in-cluster account is used instead.</summary>
public sealed record KubernetesOptions
{
    public const string Section = "Kubernetes";

    /// <summary>Path of the kubeconfig file. Empty = the <c>KUBECONFIG</c> variable, then <c>~/.kube/config</c>.</summary>
    public string? Kubeconfig { get; init; }

    /// <summary>The kubeconfig context to use. Empty = the file's current context.</summary>
    public string? Context { get; init; }

    /// <summary>Attempts per API call for retryable answers (429, 5xx, timeouts, network errors).</summary>
    public int MaxAttempts { get; init; } = 6;

    /// <summary>First backoff delay; doubles per attempt, with jitter, capped at <see cref="MaxBackoff"/>.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long one HTTP call to the API server may take before it counts as a (retryable) timeout.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
