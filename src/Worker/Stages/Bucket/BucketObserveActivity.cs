using Provisioner.Contracts;
using Provisioner.Worker.Planning;

namespace Provisioner.Worker.Stages.Bucket;

public sealed class BucketObserveActivity(IResource<BucketPlan> resource, ILogger<BucketObserveActivity> logger)
    : ObserveStageActivity<BucketPlan>(resource, logger)
{
    protected override string Stage => StageNames.Bucket;
}
