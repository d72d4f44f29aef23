using k8s;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Provisioner.Worker.Kubernetes;
using Provisioner.Worker.Stages;
using Provisioner.Worker.Stages.ServiceAccount;

namespace Provisioner.Worker.Tests.Kubernetes;

public sealed class KubernetesRegistrationTests
{
    [Fact]
    public void AddProvisionerKubernetes_NoClusterConfigured_ResolvesEveryServiceWithoutBuildingAClient()
    {
        var built = 0;
        using var provider = Build(new Dictionary<string, string?> { ["Kubernetes:Context"] = "" }, services =>
            services.AddSingleton(new KubernetesClientFactory(() =>
            {
                built++;
                throw new InvalidOperationException("no cluster here");
            })));

        Assert.IsType<KubernetesServiceAccountResource>(provider.GetRequiredService<IResource<ServiceAccountPlan>>());
        Assert.NotNull(provider.GetRequiredService<OidcIssuerDiscovery>());
        Assert.NotNull(provider.GetRequiredService<ServiceAccountTokens>());
        Assert.Equal(0, built);
        Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<IKubernetes>());
    }

    [Fact]
    public void AddProvisionerKubernetes_Configured_BindsTheSection()
    {
        using var provider = Build(new Dictionary<string, string?>
        {
            ["Kubernetes:Context"] = "prod", ["Kubernetes:MaxAttempts"] = "3", ["Kubernetes:RequestTimeout"] = "00:00:10",
        });

        var options = provider.GetRequiredService<IOptions<KubernetesOptions>>().Value;

        Assert.Equal(("prod", 3, TimeSpan.FromSeconds(10)), (options.Context, options.MaxAttempts, options.RequestTimeout));
    }

    [Theory]
    [InlineData("Kubernetes:MaxAttempts", "0", "MaxAttempts")]
    [InlineData("Kubernetes:Kubeconfig", "/nowhere/kubeconfig", "Kubeconfig")]
    [InlineData("Kubernetes:RequestTimeout", "00:00:00", "RequestTimeout")]
    public void AddProvisionerKubernetes_InvalidSetting_FailsValidationNamingIt(string key, string value, string named)
    {
        using var provider = Build(new Dictionary<string, string?> { [key] = value });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<KubernetesOptions>>().Value);

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings, Action<IServiceCollection>? replace = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddLogging(logging => logging.ClearProviders());
        services.AddProvisionerKubernetes();
        services.AddServiceAccountStage(); // the stage's resource, over the client this area provides
        replace?.Invoke(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}
