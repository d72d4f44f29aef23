using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Provisioner.Worker.Stages.Bucket;

public static class BucketRegistration
{
    public static void AddBucketStage(this IServiceCollection services)
    {
        services.TryAddSingleton<IBucketContents, S3BucketContents>();
        services.TryAddSingleton<IResource<BucketPlan>, S3BucketResource>();
    }
}
