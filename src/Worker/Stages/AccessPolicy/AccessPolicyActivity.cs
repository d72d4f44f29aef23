using Provisioner.Contracts;
using Provisioner.Worker.Planning;

namespace Provisioner.Worker.Stages.AccessPolicy;

public sealed class AccessPolicyActivity(IResource<AccessPolicyPlan> resource, ILogger<AccessPolicyActivity> logger)
    : StageActivity<AccessPolicyPlan>(resource, logger)
{
    protected override string Stage => StageNames.AccessPolicy;
    protected override string NameOf(AccessPolicyPlan plan) => plan.Name;
}
