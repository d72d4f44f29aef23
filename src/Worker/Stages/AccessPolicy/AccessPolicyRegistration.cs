using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Provisioner.Worker.Stages.AccessPolicy;

public static class AccessPolicyRegistration
{
    public static void AddAccessPolicyStage(this IServiceCollection services) =>
        services.TryAddSingleton<IResource<AccessPolicyPlan>, IamPolicyResource>();
}
