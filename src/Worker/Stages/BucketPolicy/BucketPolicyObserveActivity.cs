using Provisioner.Contracts;
using Provisioner.Worker.Planning;

namespace Provisioner.Worker.Stages.BucketPolicy;

public sealed class BucketPolicyObserveActivity(IResource<BucketPolicyPlan> resource, ILogger<BucketPolicyObserveActivity> logger)
    : ObserveStageActivity<BucketPolicyPlan>(resource, logger)
{
    protected override string Stage => StageNames.BucketPolicy;
}
