namespace Provisioner.Worker.Tests.Kubernetes;

/// <summary>
/// A test that needs a real cluster: it runs only where <c>KUBECONFIG</c> names an existing file and
/// <c>PROVISIONER_REAL_CLUSTER_TESTS=1</c> opts in; everywhere else (CI included) it is skipped, saying why.
/// </summary>
public sealed class RealClusterFactAttribute : FactAttribute
{
    public const string OptInVariable = "PROVISIONER_REAL_CLUSTER_TESTS";

    public RealClusterFactAttribute()
    {
        if (SkipReason() is { } reason) Skip = reason;
    }

    public static string? SkipReason()
    {
        var kubeconfig = Environment.GetEnvironmentVariable("KUBECONFIG");
        if (Environment.GetEnvironmentVariable(OptInVariable) != "1")
            return $"real-cluster test: set {OptInVariable}=1 and KUBECONFIG to a cluster's kubeconfig to run it";
        if (string.IsNullOrWhiteSpace(kubeconfig) || !File.Exists(kubeconfig))
            return "real-cluster test: KUBECONFIG does not name an existing kubeconfig file";
        return null;
    }
}
