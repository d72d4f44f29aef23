using Provisioner.Contracts;
using Provisioner.Worker.Planning;

namespace Provisioner.Worker.Stages.Bucket;

public sealed class BucketActivity(IResource<BucketPlan> resource, ILogger<BucketActivity> logger)
    : StageActivity<BucketPlan>(resource, logger)
{
    protected override string Stage => StageNames.Bucket;
    protected override string NameOf(BucketPlan plan) => plan.Name;
}
