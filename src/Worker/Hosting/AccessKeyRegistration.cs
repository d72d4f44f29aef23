using Provisioner.Worker.Aws;
using Provisioner.Worker.Aws.Iam;
using Provisioner.Worker.Planning;
using Provisioner.Worker.Rotation;
using Provisioner.Worker.Stages;
using Provisioner.Worker.Stages.AccessKey;
using Provisioner.Worker.Stages.IamUser;
using Provisioner.Worker.Stages.MilvusRelease;
using Provisioner.Worker.Stages.Verify;

namespace Provisioner.Worker.Hosting;

/// <summary>Access-key mode spans AWS (the user, its keys) and the cluster (the Secret): it needs both areas registered.</summary>
public static class AccessKeyRegistration
{
    public static IServiceCollection AddProvisionerAccessKeys(this IServiceCollection services)
    {
        services.AddSingleton<IResource<IamUserPlan>>(sp => new IamUserResource(sp.GetRequiredService<IamClient>(),
            ProvisionerRegistration.IamConsistencyRetry(sp.GetRequiredService<AwsClients>().Options)));
        services.AddSingleton<AccessKeySecrets>();
        services.AddSingleton<IResource<AccessKeyPlan>, AccessKeySecretResource>();
        services.AddSingleton<AccessKeyVerifier>();
        services.AddOptions<AccessKeyOptions>().BindConfiguration(AccessKeyOptions.Section)
            .Validate(o => o.RotationGrace >= TimeSpan.Zero, "AccessKeys:RotationGrace must not be negative").ValidateOnStart();
        services.AddSingleton<AccessKeyRotator>();
        services.AddSingleton<ReleaseWorkloads>();
        services.AddSingleton<IKeyRotationSteps, KeyRotationSteps>();
        return services;
    }
}
