using Provisioner.Contracts;
using Provisioner.Worker.Planning;
using Provisioner.Worker.Resources;

namespace Provisioner.Worker.Activities.Teardown;

public sealed class RemoveAccessKeyActivity(IResource<AccessKeyPlan> resource, ILogger<RemoveAccessKeyActivity> logger)
    : RemoveStageActivity<AccessKeyPlan>(resource, logger)
{
    protected override string Stage => Stages.AccessKey;
}
