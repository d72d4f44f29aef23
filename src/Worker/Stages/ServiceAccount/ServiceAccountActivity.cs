using Provisioner.Contracts;
using Provisioner.Worker.Planning;

namespace Provisioner.Worker.Stages.ServiceAccount;

public sealed class ServiceAccountActivity(IResource<ServiceAccountPlan> resource, ILogger<ServiceAccountActivity> logger)
    : StageActivity<ServiceAccountPlan>(resource, logger)
{
    protected override string Stage => StageNames.ServiceAccount;
    protected override string NameOf(ServiceAccountPlan plan) => $"{plan.Namespace}/{plan.Name}";
}
