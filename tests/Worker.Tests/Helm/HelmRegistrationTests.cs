using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Provisioner.Worker.Helm;
using Provisioner.Worker.Stages;
using Provisioner.Worker.Stages.MilvusRelease;

namespace Provisioner.Worker.Tests.Helm;

public sealed class HelmRegistrationTests
{
    [Fact]
    public void AddProvisionerHelm_NoConfiguration_DefaultsAndTheReleaseResource()
    {
        using var services = Build([]);

        Assert.Equal(new HelmOptions { Binary = "helm", Timeout = TimeSpan.FromMinutes(15) }, services.GetRequiredService<IOptions<HelmOptions>>().Value);
        Assert.IsType<HelmReleaseResource>(services.GetRequiredService<IResource<MilvusReleasePlan>>());
        Assert.Same(services.GetRequiredService<HelmCli>(), services.GetRequiredService<HelmCli>());
    }

    [Fact]
    public void AddProvisionerHelm_Section_Bound()
    {
        using var services = Build(new() { ["Helm:Binary"] = "/usr/local/bin/helm", ["Helm:Timeout"] = "00:20:00", ["Helm:KubeContext"] = "eks" });

        var options = services.GetRequiredService<HelmCli>().Options;

        Assert.Equal(("/usr/local/bin/helm", TimeSpan.FromMinutes(20), "eks"), (options.Binary, options.Timeout, options.KubeContext));
    }

    [Theory]
    [InlineData("Helm:Binary", "", "Helm:Binary is required")]
    [InlineData("Helm:Timeout", "00:00:00", "Helm:Timeout must be positive")]
    [InlineData("Helm:Kubeconfig", "/nonexistent/kubeconfig", "Helm:Kubeconfig must name an existing file")]
    public void AddProvisionerHelm_BadSetting_RefusedWithItsName(string key, string value, string message)
    {
        using var services = Build(new() { [key] = value });

        var ex = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<HelmOptions>>().Value);

        Assert.Contains(message, ex.Failures);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .AddLogging()
            .AddProvisionerHelm();
        services.AddMilvusReleaseStage(); // the stage's resource, over the helm client this area provides
        return services.BuildServiceProvider();
    }
}
