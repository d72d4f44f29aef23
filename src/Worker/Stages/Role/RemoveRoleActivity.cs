using Provisioner.Contracts;
using Provisioner.Worker.Planning;

namespace Provisioner.Worker.Stages.Role;

public sealed class RemoveRoleActivity(IResource<RolePlan> resource, ILogger<RemoveRoleActivity> logger)
    : RemoveStageActivity<RolePlan>(resource, logger)
{
    protected override string Stage => StageNames.Role;
}
