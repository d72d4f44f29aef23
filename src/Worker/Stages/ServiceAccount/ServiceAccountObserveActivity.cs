using Provisioner.Contracts;
using Provisioner.Worker.Planning;

namespace Provisioner.Worker.Stages.ServiceAccount;

public sealed class ServiceAccountObserveActivity(IResource<ServiceAccountPlan> resource, ILogger<ServiceAccountObserveActivity> logger)
    : ObserveStageActivity<ServiceAccountPlan>(resource, logger)
{
    protected override string Stage => StageNames.ServiceAccount;
}
