using Provisioner.Contracts;
using Provisioner.Worker.Planning;
using Provisioner.Worker.Resources;

namespace Provisioner.Worker.Recovery;

public sealed class AccessKeyObserveActivity(IResource<AccessKeyPlan> resource, ILogger<AccessKeyObserveActivity> logger)
    : ObserveStageActivity<AccessKeyPlan>(resource, logger)
{
    protected override string Stage => Stages.AccessKey;
}
