using Provisioner.Contracts;
using Provisioner.Worker.Planning;
using Provisioner.Worker.Resources;

namespace Provisioner.Worker.Activities;

public sealed class BucketPolicyActivity(IResource<BucketPolicyPlan> resource, ILogger<BucketPolicyActivity> logger)
    : StageActivity<BucketPolicyPlan>(resource, logger)
{
    protected override string Stage => Stages.BucketPolicy;
    protected override string NameOf(BucketPolicyPlan plan) => plan.Bucket;
}
