using Provisioner.Contracts;
using Provisioner.Worker.Planning;

namespace Provisioner.Worker.Stages.AccessKey;

public sealed class AccessKeyObserveActivity(IResource<AccessKeyPlan> resource, ILogger<AccessKeyObserveActivity> logger)
    : ObserveStageActivity<AccessKeyPlan>(resource, logger)
{
    protected override string Stage => StageNames.AccessKey;
}
