using MassTransit;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Provisioner.Worker.Rotation;

/// <summary>Access-key rotation: its two steps as consumers the saga drives, and what they work with.</summary>
public static class RotationRegistration
{
    public static IServiceCollection AddProvisionerRotation(this IServiceCollection services)
    {
        services.AddOptions<AccessKeyOptions>().BindConfiguration(AccessKeyOptions.Section)
            .Validate(o => o.RotationGrace >= TimeSpan.Zero, "AccessKeys:RotationGrace must not be negative").ValidateOnStart();
        services.TryAddSingleton<AccessKeyRotator>();
        services.TryAddSingleton<IKeyRotationSteps, KeyRotationSteps>();
        return services;
    }

    public static void AddRotationSteps(this IBusRegistrationConfigurator x)
    {
        x.AddOptions<AccessKeyOptions>();
        x.AddConsumer<ReplaceAccessKeyConsumer, RotationStepDefinition<ReplaceAccessKeyConsumer>>();
        x.AddConsumer<RetireAccessKeyConsumer, RotationStepDefinition<RetireAccessKeyConsumer>>();
    }
}
