using Provisioner.Contracts;
using Provisioner.Worker.Planning;
using Provisioner.Worker.Resources;

namespace Provisioner.Worker.Activities;

public sealed class IamUserActivity(IResource<IamUserPlan> resource, ILogger<IamUserActivity> logger)
    : StageActivity<IamUserPlan>(resource, logger)
{
    protected override string Stage => Stages.IamUser;
    protected override string NameOf(IamUserPlan plan) => plan.Name;
}
