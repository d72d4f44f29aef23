using Provisioner.Contracts;
using Provisioner.Worker.Planning;

namespace Provisioner.Worker.Stages.BucketPolicy;

/// <summary>Revokes our cross-account statements even when the bucket itself is kept; foreign statements stay.</summary>
public sealed class RemoveBucketPolicyActivity(IResource<BucketPolicyPlan> resource, ILogger<RemoveBucketPolicyActivity> logger)
    : RemoveStageActivity<BucketPolicyPlan>(resource, logger)
{
    protected override string Stage => StageNames.BucketPolicy;
}
