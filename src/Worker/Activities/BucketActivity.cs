using Provisioner.Contracts;
using Provisioner.Worker.Planning;
using Provisioner.Worker.Resources;

namespace Provisioner.Worker.Activities;

public sealed class BucketActivity(IResource<BucketPlan> resource, ILogger<BucketActivity> logger)
    : StageActivity<BucketPlan>(resource, logger)
{
    protected override string Stage => Stages.Bucket;
    protected override string NameOf(BucketPlan plan) => plan.Name;
}
