using Provisioner.Contracts;
using Provisioner.Worker.Planning;

namespace Provisioner.Worker.Stages.BucketPolicy;

public sealed class BucketPolicyActivity(IResource<BucketPolicyPlan> resource, ILogger<BucketPolicyActivity> logger)
    : StageActivity<BucketPolicyPlan>(resource, logger)
{
    protected override string Stage => StageNames.BucketPolicy;
    protected override string NameOf(BucketPolicyPlan plan) => plan.Bucket;
}
