using Provisioner.Contracts;
using Provisioner.Worker.Planning;

namespace Provisioner.Worker.Stages.IamUser;

public sealed class IamUserActivity(IResource<IamUserPlan> resource, ILogger<IamUserActivity> logger)
    : StageActivity<IamUserPlan>(resource, logger)
{
    protected override string Stage => StageNames.IamUser;
    protected override string NameOf(IamUserPlan plan) => plan.Name;
}
