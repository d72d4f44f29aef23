using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Provisioner.Worker.Stages.Verify;

public static class VerifyRegistration
{
    public static void AddVerifyStage(this IServiceCollection services)
    {
        services.AddOptions<VerifyOptions>().BindConfiguration(VerifyOptions.Section)
            .Validate(o => o.ActiveProbe is "Auto" or "Off", "Verify:ActiveProbe must be Auto or Off")
            .Validate(o => o.ProbeAttempts >= 1, "Verify:ProbeAttempts must be at least 1").ValidateOnStart();
        services.TryAddSingleton<S3AccessProbe>();
        services.TryAddSingleton<AccessKeyVerifier>();
        services.TryAddSingleton<IEnvironmentVerifier, EnvironmentVerifier>();
    }
}
