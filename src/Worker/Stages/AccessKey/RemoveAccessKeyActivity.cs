using Provisioner.Contracts;
using Provisioner.Worker.Planning;

namespace Provisioner.Worker.Stages.AccessKey;

public sealed class RemoveAccessKeyActivity(IResource<AccessKeyPlan> resource, ILogger<RemoveAccessKeyActivity> logger)
    : RemoveStageActivity<AccessKeyPlan>(resource, logger)
{
    protected override string Stage => StageNames.AccessKey;
}
