using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Provisioner.Worker.Stages.ServiceAccount;

public static class ServiceAccountRegistration
{
    public static void AddServiceAccountStage(this IServiceCollection services) =>
        services.TryAddSingleton<IResource<ServiceAccountPlan>, KubernetesServiceAccountResource>();
}
