using Provisioner.Contracts;
using Provisioner.Worker.Planning;

namespace Provisioner.Worker.Stages.AccessKey;

public sealed class AccessKeyActivity(IResource<AccessKeyPlan> resource, ILogger<AccessKeyActivity> logger)
    : StageActivity<AccessKeyPlan>(resource, logger)
{
    protected override string Stage => StageNames.AccessKey;
    protected override string NameOf(AccessKeyPlan plan) => plan.SecretName;
}
