using Provisioner.Contracts;
using Provisioner.Worker.Planning;
using Provisioner.Worker.Stages.AccessKey;
using Provisioner.Worker.Stages.AccessPolicy;
using Provisioner.Worker.Stages.Bucket;
using Provisioner.Worker.Stages.BucketPolicy;
using Provisioner.Worker.Stages.IamUser;
using Provisioner.Worker.Stages.MilvusRelease;
using Provisioner.Worker.Stages.Role;
using Provisioner.Worker.Stages.ServiceAccount;
using Provisioner.Worker.Stages.Verify;

namespace Provisioner.Worker.Stages;

/// <summary>
/// Every stage, once, in the order a run goes through them. A plan has the stages whose part it holds; routing slips,
/// endpoints and registration are all loops over this list, so a new stage is a folder and one line here.
/// </summary>
public static class StageCatalogue
{
    public static readonly IReadOnlyList<IStage> All =
    [
        new Stage<BucketPlan>(StageNames.Bucket, p => p.Bucket, b => b.Name, BucketRegistration.AddBucketStage),
        new Stage<BucketPolicyPlan>(StageNames.BucketPolicy, p => p.BucketPolicy, b => b.Bucket, BucketPolicyRegistration.AddBucketPolicyStage),
        new Stage<AccessPolicyPlan>(StageNames.AccessPolicy, p => p.AccessPolicy, a => a.Name, AccessPolicyRegistration.AddAccessPolicyStage),
        new Stage<RolePlan>(StageNames.Role, p => p.User is null ? p.Role : null, r => r.Name, RoleRegistration.AddRoleStage),
        new Stage<IamUserPlan>(StageNames.IamUser, p => p.User, u => u.Name, IamUserRegistration.AddIamUserStage),
        new Stage<AccessKeyPlan>(StageNames.AccessKey, p => p.AccessKey, k => k.SecretName, AccessKeyRegistration.AddAccessKeyStage),
        new Stage<ServiceAccountPlan>(StageNames.ServiceAccount, p => p is { User: null, ServiceAccount.Manage: true } ? p.ServiceAccount : null,
            s => $"{s.Namespace}/{s.Name}", ServiceAccountRegistration.AddServiceAccountStage),
        // Helm's release is slower and heavier than an IAM call: fewer at once, and longer before it counts as stalled.
        new Stage<MilvusReleasePlan>(StageNames.MilvusRelease, p => p.Helm, h => $"{h.Namespace}/{h.Release}",
            MilvusReleaseRegistration.AddMilvusReleaseStage)
        {
            Defaults = new StageOverride { Deadline = TimeSpan.FromMinutes(20), ConcurrentMessageLimit = 2 },
        },
        new VerifyStage(),
    ];

    /// <summary>The stages a run of <paramref name="plan"/> goes through, in order.</summary>
    public static IReadOnlyList<IStage> In(EnvironmentPlan plan) => All.Where(s => s.IsIn(plan)).ToList();

    public static IStage? Find(string? name) => All.FirstOrDefault(s => s.Name == name);

    public static IStage ForActivity(Type activityType) => All.Single(s => s.ActivityType == activityType);
}
