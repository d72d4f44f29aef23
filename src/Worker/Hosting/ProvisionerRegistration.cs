using MassTransit;
using Provisioner.Worker.Aws;
using Provisioner.Worker.Drift;
using Provisioner.Worker.Helm;
using Provisioner.Worker.Kubernetes;
using Provisioner.Worker.Outlet;
using Provisioner.Worker.Profiles;
using Provisioner.Worker.Recovery;
using Provisioner.Worker.Rotation;
using Provisioner.Worker.SagaStore;
using Provisioner.Worker.Stages;
using Provisioner.Worker.StateMachine;
using Provisioner.Worker.Testing;

namespace Provisioner.Worker.Hosting;

/// <summary>The worker's composition: one registration per area, each in its area's folder and binding its own options.</summary>
public static class ProvisionerRegistration
{
    /// <summary>The worker with the bus <c>Bus:Transport</c> names.</summary>
    public static IServiceCollection AddProvisioner(this IServiceCollection services, IConfiguration configuration) =>
        services.AddProvisioner(BusOptions.IsRabbitMq(configuration[$"{BusOptions.Section}:Transport"]));

    /// <summary>On the in-memory bus: <c>apply</c> runs its request in this process, whatever the configuration says.</summary>
    public static IServiceCollection AddProvisioner(this IServiceCollection services, bool rabbitMq = false) => services
        .AddProvisionerProfiles()
        .AddProvisionerAws()
        .AddProvisionerKubernetes()
        .AddProvisionerHelm()
        .AddProvisionerStages()
        .AddProvisionerRotation()
        .AddProvisionerSagaStore()
        .AddProvisionerOutbox()
        .AddProvisionerRecovery(rabbitMq)
        .AddProvisionerDrift()
        .AddProvisionerTesting()
        .AddProvisionerBus(rabbitMq);

    /// <summary>The saga, the stage activities and the rotation steps: the same set for every transport and for tests.</summary>
    public static void AddProvisionerComponents(IBusRegistrationConfigurator x)
    {
        x.SetKebabCaseEndpointNameFormatter();
        x.AddProvisioningSaga();
        x.AddStageActivities();
        x.AddRotationSteps();
    }
}
