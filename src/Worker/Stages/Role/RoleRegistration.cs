using Microsoft.Extensions.DependencyInjection.Extensions;
using Provisioner.Worker.Aws;
using Provisioner.Worker.Aws.Iam;

namespace Provisioner.Worker.Stages.Role;

public static class RoleRegistration
{
    public static void AddRoleStage(this IServiceCollection services)
    {
        services.TryAddSingleton<OidcProviders>();
        services.TryAddSingleton<IResource<RolePlan>>(sp => new IamRoleResource(sp.GetRequiredService<IamClient>(),
            sp.GetRequiredService<OidcProviders>(), AwsRegistration.IamConsistencyRetry(sp)));
    }
}
