using Provisioner.Contracts;
using Provisioner.Worker.Planning;
using Provisioner.Worker.Resources;

namespace Provisioner.Worker.Recovery;

public sealed class RoleObserveActivity(IResource<RolePlan> resource, ILogger<RoleObserveActivity> logger)
    : ObserveStageActivity<RolePlan>(resource, logger)
{
    protected override string Stage => Stages.Role;
}
