using Provisioner.Contracts;
using Provisioner.Worker.Planning;
using Provisioner.Worker.Resources;

namespace Provisioner.Worker.Recovery;

public sealed class MilvusReleaseObserveActivity(IResource<HelmPlan> resource, ILogger<MilvusReleaseObserveActivity> logger)
    : ObserveStageActivity<HelmPlan>(resource, logger)
{
    protected override string Stage => Stages.MilvusRelease;
}
