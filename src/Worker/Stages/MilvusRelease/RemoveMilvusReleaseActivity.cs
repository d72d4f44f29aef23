using Provisioner.Contracts;
using Provisioner.Worker.Planning;

namespace Provisioner.Worker.Stages.MilvusRelease;

public sealed class RemoveMilvusReleaseActivity(IResource<MilvusReleasePlan> resource, ILogger<RemoveMilvusReleaseActivity> logger)
    : RemoveStageActivity<MilvusReleasePlan>(resource, logger)
{
    protected override string Stage => StageNames.MilvusRelease;
}
