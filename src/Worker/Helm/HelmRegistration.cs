using Microsoft.Extensions.Options;

namespace Provisioner.Worker.Helm;

/// <summary>The helm CLI (the Milvus release stage drives it).</summary>
public static class HelmRegistration
{
    public static IServiceCollection AddProvisionerHelm(this IServiceCollection services)
    {
        services.AddOptions<HelmOptions>().BindConfiguration(HelmOptions.Section)
            .Validate(o => !string.IsNullOrWhiteSpace(o.Binary), "Helm:Binary is required")
            .Validate(o => o.Timeout > TimeSpan.Zero, "Helm:Timeout must be positive")
            .Validate(o => string.IsNullOrEmpty(o.Kubeconfig) || File.Exists(o.Kubeconfig), "Helm:Kubeconfig must name an existing file")
            .ValidateOnStart();
        services.AddSingleton(sp => new HelmCli(sp.GetRequiredService<IOptions<HelmOptions>>(), sp.GetRequiredService<ILogger<HelmCli>>(),
            sp.GetService<Testing.MutationSeam>()));
        return services;
    }
}
