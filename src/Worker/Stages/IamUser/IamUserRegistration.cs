using Microsoft.Extensions.DependencyInjection.Extensions;
using Provisioner.Worker.Aws;
using Provisioner.Worker.Aws.Iam;

namespace Provisioner.Worker.Stages.IamUser;

public static class IamUserRegistration
{
    public static void AddIamUserStage(this IServiceCollection services) =>
        services.TryAddSingleton<IResource<IamUserPlan>>(sp => new IamUserResource(sp.GetRequiredService<IamClient>(),
            AwsRegistration.IamConsistencyRetry(sp)));
}
