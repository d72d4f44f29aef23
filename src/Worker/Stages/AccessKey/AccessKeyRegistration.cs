using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Provisioner.Worker.Stages.AccessKey;

public static class AccessKeyRegistration
{
    public static void AddAccessKeyStage(this IServiceCollection services)
    {
        services.TryAddSingleton<AccessKeySecrets>();
        services.TryAddSingleton<IResource<AccessKeyPlan>, AccessKeySecretResource>();
    }
}
