using Provisioner.Contracts;
using Provisioner.Worker.Planning;
using Provisioner.Worker.Resources;

namespace Provisioner.Worker.Activities.Teardown;

public sealed class RemoveIamUserActivity(IResource<IamUserPlan> resource, ILogger<RemoveIamUserActivity> logger)
    : RemoveStageActivity<IamUserPlan>(resource, logger)
{
    protected override string Stage => Stages.IamUser;
}
