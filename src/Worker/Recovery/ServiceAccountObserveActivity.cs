using Provisioner.Contracts;
using Provisioner.Worker.Planning;
using Provisioner.Worker.Resources;

namespace Provisioner.Worker.Recovery;

public sealed class ServiceAccountObserveActivity(IResource<ServiceAccountPlan> resource, ILogger<ServiceAccountObserveActivity> logger)
    : ObserveStageActivity<ServiceAccountPlan>(resource, logger)
{
    protected override string Stage => Stages.ServiceAccount;
}
