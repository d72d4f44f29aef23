using Provisioner.Contracts;
using Provisioner.Worker.Planning;
using Provisioner.Worker.Resources;

namespace Provisioner.Worker.Recovery;

public sealed class BucketObserveActivity(IResource<BucketPlan> resource, ILogger<BucketObserveActivity> logger)
    : ObserveStageActivity<BucketPlan>(resource, logger)
{
    protected override string Stage => Stages.Bucket;
}
