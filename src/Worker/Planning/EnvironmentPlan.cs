namespace Provisioner.Worker.Planning;

/// <summary>Everything a run will do, derived purely from the request and the observed facts.</summary>
public sealed record EnvironmentPlan(
    string Environment,
    Guid RequestId,
    string Region,
    string AccountId,
    BucketPlan Bucket,
    AccessPolicyPlan AccessPolicy,
    RolePlan Role,
    ServiceAccountPlan ServiceAccount,
    HelmPlan? Helm)
{
    /// <summary>Absent when the request has no <c>crossAccount</c> list: the bucket policy is left alone.</summary>
    public BucketPolicyPlan? BucketPolicy { get; init; }

    public IReadOnlyList<string> Stages
    {
        get
        {
            List<string> stages = [Contracts.Stages.Bucket];
            if (BucketPolicy is not null) stages.Add(Contracts.Stages.BucketPolicy);
            stages.AddRange([Contracts.Stages.AccessPolicy, Contracts.Stages.Role]);
            if (ServiceAccount.Manage) stages.Add(Contracts.Stages.ServiceAccount);
            if (Helm is not null) stages.Add(Contracts.Stages.MilvusRelease);
            stages.Add(Contracts.Stages.Verify);
            return stages;
        }
    }
}
