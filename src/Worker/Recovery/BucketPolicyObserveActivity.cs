using Provisioner.Contracts;
using Provisioner.Worker.Planning;
using Provisioner.Worker.Resources;

namespace Provisioner.Worker.Recovery;

public sealed class BucketPolicyObserveActivity(IResource<BucketPolicyPlan> resource, ILogger<BucketPolicyObserveActivity> logger)
    : ObserveStageActivity<BucketPolicyPlan>(resource, logger)
{
    protected override string Stage => Stages.BucketPolicy;
}
