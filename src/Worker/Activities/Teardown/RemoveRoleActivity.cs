using Provisioner.Contracts;
using Provisioner.Worker.Planning;
using Provisioner.Worker.Resources;

namespace Provisioner.Worker.Activities.Teardown;

public sealed class RemoveRoleActivity(IResource<RolePlan> resource, ILogger<RemoveRoleActivity> logger)
    : RemoveStageActivity<RolePlan>(resource, logger)
{
    protected override string Stage => Stages.Role;
}
