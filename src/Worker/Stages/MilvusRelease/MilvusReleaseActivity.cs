using Provisioner.Contracts;
using Provisioner.Worker.Planning;

namespace Provisioner.Worker.Stages.MilvusRelease;

public sealed class MilvusReleaseActivity(IResource<MilvusReleasePlan> resource, ILogger<MilvusReleaseActivity> logger)
    : StageActivity<MilvusReleasePlan>(resource, logger)
{
    protected override string Stage => StageNames.MilvusRelease;
    protected override string NameOf(MilvusReleasePlan plan) => $"{plan.Namespace}/{plan.Release}";
}
