using Microsoft.Extensions.DependencyInjection.Extensions;
using Provisioner.Worker.SagaStore;

namespace Provisioner.Worker.Drift;

/// <summary>The drift check (for the API, the <c>check</c> verb and the schedule) and, in the worker service only, its schedule.</summary>
public static class DriftRegistration
{
    public static IServiceCollection AddProvisionerDrift(this IServiceCollection services)
    {
        services.AddOptions<DriftOptions>().BindConfiguration(DriftOptions.Section)
            .Validate(o => o.IsValid, "Drift:Interval, Drift:SweepInterval and Drift:Lease must be positive, Drift:Jitter 0 to <1, Drift:MaxChecksPerMinute at least 1")
            .ValidateOnStart();
        services.TryAddSingleton<DriftCheck>();
        services.TryAddSingleton<DriftSchedule>();
        return services;
    }

    /// <summary>The scheduled check: every replica of the worker service runs one (a one-shot CLI verb does not).</summary>
    public static IServiceCollection AddDriftScheduler(this IServiceCollection services) => services.AddHostedService<DriftScheduler>();
}
