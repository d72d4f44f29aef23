using MassTransit;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Provisioner.Worker.Hosting;
using Provisioner.Worker.SagaStore;
using Provisioner.Worker.Testing;

namespace Provisioner.Worker.Stages;

/// <summary>Every stage of the <see cref="StageCatalogue"/>: its resource, and its activity's endpoints.</summary>
public static class StageRegistration
{
    /// <summary>The stages' resources and <c>Stages</c>; their clients (AWS, Kubernetes, Helm) come from those areas.</summary>
    public static IServiceCollection AddProvisionerStages(this IServiceCollection services)
    {
        services.AddOptions<StageOptions>().BindConfiguration(StageOptions.Section)
            .Validate(o => o.ConcurrentMessageLimit >= 1 && o.PerStage.Values.All(s => s.ConcurrentMessageLimit is null or >= 1),
                "Stages:*ConcurrentMessageLimit must be at least 1")
            .Validate(o => o.Retry.Limit >= 0, "Stages:Retry:Limit must not be negative").ValidateOnStart();
        foreach (var stage in StageCatalogue.All) stage.AddServices(services);
        return services;
    }

    /// <summary>Each stage's activity on the bus, behind the replica-wide run limit and the superseded-attempt fence.</summary>
    public static void AddStageActivities(this IBusRegistrationConfigurator x)
    {
        x.AddOptions<StageOptions>();
        x.AddOptions<TestingOptions>();
        x.AddOptions<WorkerOptions>();
        x.TryAddSingleton(sp => new ReplicaRunLimiter(sp.GetRequiredService<IOptions<WorkerOptions>>().Value.MaxConcurrentRuns));
        x.TryAddSingleton<SupersededSlipFilter>();
        x.TryAddSingleton<IIntentLog, SqlIntentLog>();
        x.TryAddSingleton<Reconciler>();
        foreach (var stage in StageCatalogue.All) stage.Register(x);
    }
}
