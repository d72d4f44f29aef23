namespace Provisioner.Worker.Tests.Infrastructure;

/// <summary>
/// A test against a real Kubernetes cluster: it runs only where <c>KUBECONFIG</c> names a file and
/// <c>PROVISIONER_REAL_CLUSTER_TESTS=1</c> says installing into that cluster is fine; otherwise it is skipped, saying why.
/// </summary>
public sealed class RealClusterFactAttribute : FactAttribute
{
    public const string OptIn = "PROVISIONER_REAL_CLUSTER_TESTS";

    public RealClusterFactAttribute() => Skip = SkipReason();

    public static string? Kubeconfig => Environment.GetEnvironmentVariable("KUBECONFIG") is { Length: > 0 } path && File.Exists(path) ? path : null;

    private static string? SkipReason()
    {
        if (Kubeconfig is null) return "needs a real cluster: KUBECONFIG must name a kubeconfig file";
        return Environment.GetEnvironmentVariable(OptIn) == "1" ? null : $"needs a real cluster: set {OptIn}=1 to install into the KUBECONFIG cluster";
    }
}
