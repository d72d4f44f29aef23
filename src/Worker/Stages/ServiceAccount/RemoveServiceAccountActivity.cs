using Provisioner.Contracts;
using Provisioner.Worker.Planning;

namespace Provisioner.Worker.Stages.ServiceAccount;

public sealed class RemoveServiceAccountActivity(IResource<ServiceAccountPlan> resource, ILogger<RemoveServiceAccountActivity> logger)
    : RemoveStageActivity<ServiceAccountPlan>(resource, logger)
{
    protected override string Stage => StageNames.ServiceAccount;
}
