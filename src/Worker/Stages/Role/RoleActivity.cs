using Provisioner.Contracts;
using Provisioner.Worker.Planning;

namespace Provisioner.Worker.Stages.Role;

public sealed class RoleActivity(IResource<RolePlan> resource, ILogger<RoleActivity> logger)
    : StageActivity<RolePlan>(resource, logger)
{
    protected override string Stage => StageNames.Role;
    protected override string NameOf(RolePlan plan) => plan.Name;
}
