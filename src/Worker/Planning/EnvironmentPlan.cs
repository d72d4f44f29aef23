using Provisioner.Contracts;
using Provisioner.Worker.Stages.AccessKey;
using Provisioner.Worker.Stages.AccessPolicy;
using Provisioner.Worker.Stages.Bucket;
using Provisioner.Worker.Stages.BucketPolicy;
using Provisioner.Worker.Stages.IamUser;
using Provisioner.Worker.Stages.MilvusRelease;
using Provisioner.Worker.Stages.Role;
using Provisioner.Worker.Stages.ServiceAccount;

namespace Provisioner.Worker.Planning;

/// <summary>
/// Everything a run will do, derived purely from the request and the observed facts. <see cref="User"/> and
/// <see cref="AccessKey"/> are set in access-key mode, which has no role and no ServiceAccount stage.
/// </summary>
public sealed record EnvironmentPlan(
    string Environment,
    Guid RequestId,
    string Region,
    string AccountId,
    BucketPlan Bucket,
    AccessPolicyPlan AccessPolicy,
    RolePlan Role,
    ServiceAccountPlan ServiceAccount,
    MilvusReleasePlan? Helm,
    IamUserPlan? User = null,
    AccessKeyPlan? AccessKey = null)
{
    /// <summary>Absent when the request has no <c>crossAccount</c> list: the bucket policy is left alone.</summary>
    public BucketPolicyPlan? BucketPolicy { get; init; }

    public IReadOnlyList<string> Stages
    {
        get
        {
            List<string> stages = [Contracts.StageNames.Bucket];
            if (BucketPolicy is not null) stages.Add(Contracts.StageNames.BucketPolicy);
            stages.Add(Contracts.StageNames.AccessPolicy);
            if (User is not null) stages.AddRange([Contracts.StageNames.IamUser, Contracts.StageNames.AccessKey]);
            else stages.Add(Contracts.StageNames.Role);
            if (User is null && ServiceAccount.Manage) stages.Add(Contracts.StageNames.ServiceAccount);
            if (Helm is not null) stages.Add(Contracts.StageNames.MilvusRelease);
            stages.Add(Contracts.StageNames.Verify);
            return stages;
        }
    }
}
