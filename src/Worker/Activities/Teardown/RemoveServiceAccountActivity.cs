using Provisioner.Contracts;
using Provisioner.Worker.Planning;
using Provisioner.Worker.Resources;

namespace Provisioner.Worker.Activities.Teardown;

public sealed class RemoveServiceAccountActivity(IResource<ServiceAccountPlan> resource, ILogger<RemoveServiceAccountActivity> logger)
    : RemoveStageActivity<ServiceAccountPlan>(resource, logger)
{
    protected override string Stage => Stages.ServiceAccount;
}
