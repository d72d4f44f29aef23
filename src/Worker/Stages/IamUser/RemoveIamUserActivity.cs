using Provisioner.Contracts;
using Provisioner.Worker.Planning;

namespace Provisioner.Worker.Stages.IamUser;

public sealed class RemoveIamUserActivity(IResource<IamUserPlan> resource, ILogger<RemoveIamUserActivity> logger)
    : RemoveStageActivity<IamUserPlan>(resource, logger)
{
    protected override string Stage => StageNames.IamUser;
}
