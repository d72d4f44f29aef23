using Provisioner.Worker.Profiles;
using Provisioner.Worker.Stages;
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
    Guid RunId,
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

    /// <summary>The profile the plan was made under and what it forced; set where a plan is shown (<c>plan</c>, <c>POST /plans</c>).</summary>
    public PlanProfile? Profile { get; init; }

    /// <summary>The stages a run of this plan goes through, in order (see <see cref="StageCatalogue"/>).</summary>
    public IReadOnlyList<string> Stages => StageCatalogue.In(this).Select(s => s.Name).ToList();
}
