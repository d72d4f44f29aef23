using Provisioner.Contracts;
using Provisioner.Worker.Planning;
using Provisioner.Worker.Resources;

namespace Provisioner.Worker.Recovery;

public sealed class IamUserObserveActivity(IResource<IamUserPlan> resource, ILogger<IamUserObserveActivity> logger)
    : ObserveStageActivity<IamUserPlan>(resource, logger)
{
    protected override string Stage => Stages.IamUser;
}
