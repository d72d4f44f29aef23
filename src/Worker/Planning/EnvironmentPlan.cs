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
    HelmPlan? Helm,
    IamUserPlan? User = null,
    AccessKeyPlan? AccessKey = null)
{
    /// <summary>Absent when the request has no <c>crossAccount</c> list: the bucket policy is left alone.</summary>
    public BucketPolicyPlan? BucketPolicy { get; init; }

    public IReadOnlyList<string> Stages
    {
        get
        {
            List<string> stages = [Contracts.Stages.Bucket];
            if (BucketPolicy is not null) stages.Add(Contracts.Stages.BucketPolicy);
            stages.Add(Contracts.Stages.AccessPolicy);
            if (User is not null) stages.AddRange([Contracts.Stages.IamUser, Contracts.Stages.AccessKey]);
            else stages.Add(Contracts.Stages.Role);
            if (User is null && ServiceAccount.Manage) stages.Add(Contracts.Stages.ServiceAccount);
            if (Helm is not null) stages.Add(Contracts.Stages.MilvusRelease);
            stages.Add(Contracts.Stages.Verify);
            return stages;
        }
    }
}
