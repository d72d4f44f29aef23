using Provisioner.Worker.Aws;
using Provisioner.Worker.Aws.Iam;
using Provisioner.Worker.Planning;

namespace Provisioner.Worker.Stages.AccessPolicy;

/// <summary>The customer-managed policy that grants the environment its bucket, and nothing else.</summary>
public sealed class IamPolicyResource(IamClient iam) : IResource<AccessPolicyPlan>
{
    public const string Document = "document";
    public const string Tags = "tags";
    private const int MaxVersions = 5;

    public async Task<Observation> ObserveAsync(AccessPolicyPlan plan, string environment, CancellationToken ct)
    {
        var policy = await iam.Policies.GetPolicyAsync(plan.Arn, ct);
        if (policy is null) return Observation.Missing;
        var tags = await iam.Policies.ListPolicyTagsAsync(plan.Arn, ct);
        if (!OwnershipTags.IsOwnedBy(tags, environment)) return Observation.Found(tags, []);
        var drift = new List<string>();
        var current = await iam.Policies.GetPolicyVersionDocumentAsync(plan.Arn, policy.DefaultVersionId, ct);
        if (!PolicyComparer.AreEquivalent(current, plan.Document)) drift.Add(Document);
        if (!OwnershipTags.Converged(plan.Tags, tags)) drift.Add(Tags);
        return Observation.Found(tags, drift);
    }

    public Task CreateAsync(AccessPolicyPlan plan, CancellationToken ct) =>
        iam.Policies.CreatePolicyAsync(plan.Name, plan.Path, plan.Document,
            $"Milvus S3 {plan.Permissions} access for environment {plan.Tags[OwnershipTags.Environment]}", plan.Tags, ct);

    public async Task UpdateAsync(AccessPolicyPlan plan, Observation observed, CancellationToken ct)
    {
        if (observed.Drift.Contains(Document))
        {
            var versions = await iam.Policies.ListPolicyVersionsAsync(plan.Arn, ct);
            // IAM keeps at most five versions: make room by dropping the oldest one that is not in use.
            if (versions.Count >= MaxVersions && versions.Where(v => !v.IsDefault).MinBy(v => v.CreateDate) is { } oldest)
                await iam.Policies.DeletePolicyVersionAsync(plan.Arn, oldest.VersionId, ct);
            await iam.Policies.CreatePolicyVersionAsync(plan.Arn, plan.Document, setAsDefault: true, ct);
        }
        if (observed.Drift.Contains(Tags))
            await iam.Policies.TagPolicyAsync(plan.Arn, WithoutRequestId(plan.Tags), ct);
    }

    public async Task DeleteAsync(AccessPolicyPlan plan, CancellationToken ct)
    {
        try
        {
            foreach (var version in (await iam.Policies.ListPolicyVersionsAsync(plan.Arn, ct)).Where(v => !v.IsDefault))
                await iam.Policies.DeletePolicyVersionAsync(plan.Arn, version.VersionId, ct);
            await iam.Policies.DeletePolicyAsync(plan.Arn, ct);
        }
        catch (AwsException ex) when (ex.Code == "NoSuchEntity") { }
    }

    public IReadOnlyDictionary<string, string> Outputs(AccessPolicyPlan plan) =>
        new Dictionary<string, string> { ["name"] = plan.Name, ["arn"] = plan.Arn };

    internal static Dictionary<string, string> WithoutRequestId(IReadOnlyDictionary<string, string> tags) =>
        tags.Where(t => t.Key != OwnershipTags.RequestId).ToDictionary(t => t.Key, t => t.Value);
}
