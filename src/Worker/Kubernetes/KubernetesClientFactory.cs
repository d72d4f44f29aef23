using k8s;
using k8s.Exceptions;
using Microsoft.Extensions.Options;

namespace Provisioner.Worker.Kubernetes;

/// <summary>
/// Builds the one <see cref="IKubernetes"/> client on first use, so a worker without a cluster starts fine and only a
/// Kubernetes stage fails, by name. A configured kubeconfig wins; otherwise the pod's own account when running in a
/// pod; otherwise <c>KUBECONFIG</c> (several files merged) or <c>~/.kube/config</c>.
/// </summary>
public sealed class KubernetesClientFactory : IDisposable
{
    private readonly Func<IKubernetes> create;
    private readonly Lock gate = new();
    private IKubernetes? client;

    public KubernetesClientFactory(IOptions<KubernetesOptions> options, Testing.MutationSeam? seam = null)
        : this(() => new k8s.Kubernetes(Configuration(options.Value), Handlers(seam)))
    {
    }

    public KubernetesClientFactory(Func<IKubernetes> create) => this.create = create;

    /// <summary>Crash tests only: every call that changes the cluster goes through the mutation seam.</summary>
    private static DelegatingHandler[] Handlers(Testing.MutationSeam? seam) => seam is null
        ? []
        : [new Testing.MutationSeamHandler(seam, request => Testing.MutationSeamHandler.Rest("k8s", request))];

    /// <summary>Created on first use; a failed creation is not cached, so fixing the kubeconfig needs no restart.</summary>
    public IKubernetes Client
    {
        get
        {
            lock (gate) return client ??= create();
        }
    }

    /// <summary>A client for an API server at <paramref name="server"/> (tests, or an explicit endpoint).</summary>
    public static IKubernetes ForServer(Uri server, string? accessToken = null, TimeSpan? requestTimeout = null) =>
        new k8s.Kubernetes(new KubernetesClientConfiguration
        {
            Host = server.ToString(),
            AccessToken = accessToken,
            HttpClientTimeout = requestTimeout ?? new KubernetesOptions().RequestTimeout,
        });

    public static KubernetesClientConfiguration Configuration(KubernetesOptions options)
    {
        var explicitFile = !string.IsNullOrWhiteSpace(options.Kubeconfig);
        if (!explicitFile && KubernetesClientConfiguration.IsInCluster())
            return WithTimeout(KubernetesClientConfiguration.InClusterConfig(), options);
        var files = Kubeconfig.Files(options, Environment.GetEnvironmentVariable("KUBECONFIG"));
        var context = string.IsNullOrWhiteSpace(options.Context) ? null : options.Context;
        try
        {
            return WithTimeout(KubernetesClientConfiguration.BuildConfigFromConfigObject(Kubeconfig.Load(files), context), options);
        }
        catch (Exception ex) when (ex is KubeConfigException or IOException)
        {
            throw new InvalidOperationException(
                $"No usable Kubernetes configuration in {string.Join(Path.PathSeparator, files)}" +
                (context is null ? "" : $" (context '{context}')") + $": {ex.Message}", ex);
        }
    }

    public void Dispose()
    {
        lock (gate) client?.Dispose();
    }

    private static KubernetesClientConfiguration WithTimeout(KubernetesClientConfiguration config, KubernetesOptions options)
    {
        config.HttpClientTimeout = options.RequestTimeout;
        return config;
    }
}
