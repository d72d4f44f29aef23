using Provisioner.Contracts;
using Provisioner.Worker.Planning;

namespace Provisioner.Worker.Stages.Role;

public sealed class RoleObserveActivity(IResource<RolePlan> resource, ILogger<RoleObserveActivity> logger)
    : ObserveStageActivity<RolePlan>(resource, logger)
{
    protected override string Stage => StageNames.Role;
}
