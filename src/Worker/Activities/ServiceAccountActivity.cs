using Provisioner.Contracts;
using Provisioner.Worker.Planning;
using Provisioner.Worker.Resources;

namespace Provisioner.Worker.Activities;

public sealed class ServiceAccountActivity(IResource<ServiceAccountPlan> resource, ILogger<ServiceAccountActivity> logger)
    : StageActivity<ServiceAccountPlan>(resource, logger)
{
    protected override string Stage => Stages.ServiceAccount;
    protected override string NameOf(ServiceAccountPlan plan) => $"{plan.Namespace}/{plan.Name}";
}
