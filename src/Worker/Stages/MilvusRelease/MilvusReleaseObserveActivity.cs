using Provisioner.Contracts;
using Provisioner.Worker.Planning;

namespace Provisioner.Worker.Stages.MilvusRelease;

public sealed class MilvusReleaseObserveActivity(IResource<MilvusReleasePlan> resource, ILogger<MilvusReleaseObserveActivity> logger)
    : ObserveStageActivity<MilvusReleasePlan>(resource, logger)
{
    protected override string Stage => StageNames.MilvusRelease;
}
