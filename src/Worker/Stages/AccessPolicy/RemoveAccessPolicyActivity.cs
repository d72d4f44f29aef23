using Provisioner.Contracts;
using Provisioner.Worker.Planning;

namespace Provisioner.Worker.Stages.AccessPolicy;

public sealed class RemoveAccessPolicyActivity(IResource<AccessPolicyPlan> resource, ILogger<RemoveAccessPolicyActivity> logger)
    : RemoveStageActivity<AccessPolicyPlan>(resource, logger)
{
    protected override string Stage => StageNames.AccessPolicy;
}
