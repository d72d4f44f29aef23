using Provisioner.Contracts;
using Provisioner.Worker.Planning;
using Provisioner.Worker.Resources;

namespace Provisioner.Worker.Recovery;

public sealed class AccessPolicyObserveActivity(IResource<AccessPolicyPlan> resource, ILogger<AccessPolicyObserveActivity> logger)
    : ObserveStageActivity<AccessPolicyPlan>(resource, logger)
{
    protected override string Stage => Stages.AccessPolicy;
}
