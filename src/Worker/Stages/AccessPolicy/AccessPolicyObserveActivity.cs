using Provisioner.Contracts;
using Provisioner.Worker.Planning;

namespace Provisioner.Worker.Stages.AccessPolicy;

public sealed class AccessPolicyObserveActivity(IResource<AccessPolicyPlan> resource, ILogger<AccessPolicyObserveActivity> logger)
    : ObserveStageActivity<AccessPolicyPlan>(resource, logger)
{
    protected override string Stage => StageNames.AccessPolicy;
}
