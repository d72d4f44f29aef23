using Provisioner.Contracts;
using Provisioner.Worker.Planning;

namespace Provisioner.Worker.Stages.IamUser;

public sealed class IamUserObserveActivity(IResource<IamUserPlan> resource, ILogger<IamUserObserveActivity> logger)
    : ObserveStageActivity<IamUserPlan>(resource, logger)
{
    protected override string Stage => StageNames.IamUser;
}
