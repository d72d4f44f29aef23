using Provisioner.Contracts;
using Provisioner.Worker.Planning;
using Provisioner.Worker.Resources;

namespace Provisioner.Worker.Activities;

public sealed class AccessPolicyActivity(IResource<AccessPolicyPlan> resource, ILogger<AccessPolicyActivity> logger)
    : StageActivity<AccessPolicyPlan>(resource, logger)
{
    protected override string Stage => Stages.AccessPolicy;
    protected override string NameOf(AccessPolicyPlan plan) => plan.Name;
}
