using Provisioner.Contracts;
using Provisioner.Worker.Planning;
using Provisioner.Worker.Resources;

namespace Provisioner.Worker.Activities.Teardown;

public sealed class RemoveAccessPolicyActivity(IResource<AccessPolicyPlan> resource, ILogger<RemoveAccessPolicyActivity> logger)
    : RemoveStageActivity<AccessPolicyPlan>(resource, logger)
{
    protected override string Stage => Stages.AccessPolicy;
}
