using Provisioner.Contracts;
using Provisioner.Worker.Planning;
using Provisioner.Worker.Resources;

namespace Provisioner.Worker.Activities;

public sealed class MilvusReleaseActivity(IResource<HelmPlan> resource, ILogger<MilvusReleaseActivity> logger)
    : StageActivity<HelmPlan>(resource, logger)
{
    protected override string Stage => Stages.MilvusRelease;
    protected override string NameOf(HelmPlan plan) => $"{plan.Namespace}/{plan.Release}";
}
