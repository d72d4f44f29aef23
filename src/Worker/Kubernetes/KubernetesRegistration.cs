using k8s;
using Microsoft.Extensions.Options;
using Provisioner.Worker.Common;

namespace Provisioner.Worker.Kubernetes;

/// <summary>The Kubernetes client and what reads the cluster. Nothing here talks to a cluster at start-up: the client is built on first use.</summary>
public static class KubernetesRegistration
{
    public static IServiceCollection AddProvisionerKubernetes(this IServiceCollection services)
    {
        services.AddOptions<KubernetesOptions>().BindConfiguration(KubernetesOptions.Section)
            .Validate(o => o.MaxAttempts >= 1, "Kubernetes:MaxAttempts must be at least 1")
            .Validate(o => o.InitialBackoff >= TimeSpan.Zero && o.MaxBackoff >= o.InitialBackoff,
                "Kubernetes:InitialBackoff must be non-negative and at most Kubernetes:MaxBackoff")
            .Validate(o => o.RequestTimeout > TimeSpan.Zero, "Kubernetes:RequestTimeout must be positive")
            .Validate(o => string.IsNullOrWhiteSpace(o.Kubeconfig) || File.Exists(o.Kubeconfig),
                "Kubernetes:Kubeconfig names a file that does not exist")
            .ValidateOnStart();
        services.AddSingleton<KubernetesClientFactory>();
        services.AddSingleton<IKubernetes>(sp => sp.GetRequiredService<KubernetesClientFactory>().Client);
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<KubernetesOptions>>().Value;
            return new KubernetesCalls(sp.GetRequiredService<KubernetesClientFactory>(), Retry(options), options.RequestTimeout);
        });
        services.AddSingleton<OidcIssuerDiscovery>();
        services.AddSingleton<ServiceAccountTokens>();
        services.AddSingleton<IOidcIssuerSource, ClusterOidcIssuerSource>();
        services.AddSingleton<IServiceAccountTokenSource, ClusterServiceAccountTokenSource>();
        return services;
    }

    public static BoundedRetry Retry(KubernetesOptions options) => new(options.MaxAttempts, options.InitialBackoff, options.MaxBackoff);
}
