using Provisioner.Contracts;
using Provisioner.Worker.Planning;
using Provisioner.Worker.Resources;

namespace Provisioner.Worker.Activities.Teardown;

/// <summary>Revokes our cross-account statements even when the bucket itself is kept; foreign statements stay.</summary>
public sealed class RemoveBucketPolicyActivity(IResource<BucketPolicyPlan> resource, ILogger<RemoveBucketPolicyActivity> logger)
    : RemoveStageActivity<BucketPolicyPlan>(resource, logger)
{
    protected override string Stage => Stages.BucketPolicy;
}
