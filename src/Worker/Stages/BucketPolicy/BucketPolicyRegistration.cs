using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Provisioner.Worker.Stages.BucketPolicy;

public static class BucketPolicyRegistration
{
    public static void AddBucketPolicyStage(this IServiceCollection services) =>
        services.TryAddSingleton<IResource<BucketPolicyPlan>, S3BucketPolicyResource>();
}
