using Provisioner.Contracts;
using Provisioner.Worker.Planning;
using Provisioner.Worker.Resources;

namespace Provisioner.Worker.Activities;

public sealed class RoleActivity(IResource<RolePlan> resource, ILogger<RoleActivity> logger)
    : StageActivity<RolePlan>(resource, logger)
{
    protected override string Stage => Stages.Role;
    protected override string NameOf(RolePlan plan) => plan.Name;
}
