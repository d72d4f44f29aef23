using Provisioner.Contracts;
using Provisioner.Worker.Planning;
using Provisioner.Worker.Resources;

namespace Provisioner.Worker.Activities;

public sealed class AccessKeyActivity(IResource<AccessKeyPlan> resource, ILogger<AccessKeyActivity> logger)
    : StageActivity<AccessKeyPlan>(resource, logger)
{
    protected override string Stage => Stages.AccessKey;
    protected override string NameOf(AccessKeyPlan plan) => plan.SecretName;
}
