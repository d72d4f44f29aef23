using Provisioner.Contracts;
using Provisioner.Worker.Planning;
using Provisioner.Worker.Resources;

namespace Provisioner.Worker.Activities.Teardown;

public sealed class RemoveMilvusReleaseActivity(IResource<HelmPlan> resource, ILogger<RemoveMilvusReleaseActivity> logger)
    : RemoveStageActivity<HelmPlan>(resource, logger)
{
    protected override string Stage => Stages.MilvusRelease;
}
