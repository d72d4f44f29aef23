using Microsoft.Extensions.DependencyInjection.Extensions;
using Provisioner.Worker.Helm;

namespace Provisioner.Worker.Stages.MilvusRelease;

public static class MilvusReleaseRegistration
{
    public static void AddMilvusReleaseStage(this IServiceCollection services)
    {
        services.TryAddSingleton<IResource<MilvusReleasePlan>>(sp => new HelmReleaseResource(sp.GetRequiredService<HelmCli>(),
            HelmReleaseResource.DefaultRetry, sp.GetRequiredService<ILogger<HelmReleaseResource>>()));
        services.TryAddSingleton<ReleaseWorkloads>();
    }
}
