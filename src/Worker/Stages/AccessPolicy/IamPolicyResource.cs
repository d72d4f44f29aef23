using System.Text.Json;
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
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<Observation> ObserveAsync(AccessPolicyPlan plan, string environment, CancellationToken ct)
    {
        var policy = await iam.Policies.GetPolicyAsync(plan.Arn, ct);
        if (policy is null) return Observation.Missing;
        var tags = await iam.Policies.ListPolicyTagsAsync(plan.Arn, ct);
        var drift = new List<string>();
        var current = await iam.Policies.GetPolicyVersionDocumentAsync(plan.Arn, policy.DefaultVersionId, ct);
        if (!PolicyComparer.AreEquivalent(current, plan.Document)) drift.Add(Document);
        if (!OwnershipTags.Converged(plan.Tags, tags)) drift.Add(Tags);
        if (drift.Count == 0) return Observation.Found(tags, drift);
        var versions = (await iam.Policies.ListPolicyVersionsAsync(plan.Arn, ct)).Select(v => v.VersionId).ToList();
        var differences = new List<string>();
        if (drift.Contains(Document))
            differences.Add(DriftText.Setting($"{Document} (default version {policy.DefaultVersionId})", DriftText.Document(current ?? ""), DriftText.Document(plan.Document)));
        if (drift.Contains(Tags)) differences.AddRange(DriftText.Tags(Tags, plan.Tags, tags.ToDictionary(t => t.Key, t => (string?)t.Value)));
        return Observation.Found(tags, drift, JsonSerializer.Serialize(new PolicyState(policy.DefaultVersionId, versions, tags, drift), Json))
            with
        { Differences = differences };
    }

    public Task CreateAsync(AccessPolicyPlan plan, CancellationToken ct) =>
        iam.Policies.CreatePolicyAsync(plan.Name, plan.Path, plan.Document,
            $"Milvus S3 {plan.Permissions} access for environment {plan.Tags[OwnershipTags.Environment]}", plan.Tags, ct);

    public async Task UpdateAsync(AccessPolicyPlan plan, Observation observed, CancellationToken ct)
    {
        if (observed.Drift.Contains(Document)) await SetDocumentAsync(plan, ct);
        if (observed.Drift.Contains(Tags)) await iam.Policies.TagPolicyAsync(plan.Arn, WithoutRunId(plan.Tags), ct);
    }

    public async Task<string> RestoreAsync(AccessPolicyPlan plan, string state, CancellationToken ct)
    {
        var before = JsonSerializer.Deserialize<PolicyState>(state, Json)!;
        var notes = new List<string>();
        if (before.Drift.Contains(Document))
        {
            var versions = await iam.Policies.ListPolicyVersionsAsync(plan.Arn, ct);
            if (versions.Any(v => v.VersionId == before.DefaultVersionId))
            {
                await iam.Policies.SetDefaultPolicyVersionAsync(plan.Arn, before.DefaultVersionId, ct);
                foreach (var added in versions.Where(v => !before.VersionIds.Contains(v.VersionId)))
                    await iam.Policies.DeletePolicyVersionAsync(plan.Arn, added.VersionId, ct);
                notes.Add($"default version {before.DefaultVersionId} restored");
            }
            else
            {
                notes.Add($"default version {before.DefaultVersionId} no longer exists and could not be restored");
            }
            if (before.VersionIds.Except(versions.Select(v => v.VersionId)).ToList() is { Count: > 0 } dropped)
                notes.Add($"versions {string.Join(", ", dropped)} were dropped to make room and cannot be recreated as they were");
        }
        if (before.Drift.Contains(Tags))
        {
            await IamTags.RestoreAsync(before.Tags, plan.Tags, tags => iam.Policies.TagPolicyAsync(plan.Arn, tags, ct),
                keys => iam.Policies.UntagPolicyAsync(plan.Arn, keys, ct));
            notes.Add("tags restored");
        }
        return string.Join("; ", notes);
    }

    /// <summary>Detaches it from whatever holds it first: IAM refuses to delete an attached policy.</summary>
    public async Task DeleteAsync(AccessPolicyPlan plan, CancellationToken ct)
    {
        try
        {
            var holders = await iam.Policies.ListEntitiesForPolicyAsync(plan.Arn, ct);
            foreach (var role in holders.Roles) await iam.Roles.DetachRolePolicyAsync(role, plan.Arn, ct);
            foreach (var user in holders.Users) await iam.Users.DetachUserPolicyAsync(user, plan.Arn, ct);
            foreach (var group in holders.Groups) await iam.Policies.DetachGroupPolicyAsync(group, plan.Arn, ct);
            foreach (var version in (await iam.Policies.ListPolicyVersionsAsync(plan.Arn, ct)).Where(v => !v.IsDefault))
                await iam.Policies.DeletePolicyVersionAsync(plan.Arn, version.VersionId, ct);
            await iam.Policies.DeletePolicyAsync(plan.Arn, ct);
        }
        catch (AwsException ex) when (ex.Code == "NoSuchEntity") { }
    }

    public IReadOnlyDictionary<string, string> Outputs(AccessPolicyPlan plan) =>
        new Dictionary<string, string> { ["name"] = plan.Name, ["arn"] = plan.Arn };

    internal static Dictionary<string, string> WithoutRunId(IReadOnlyDictionary<string, string> tags) =>
        tags.Where(t => t.Key != OwnershipTags.RunId).ToDictionary(t => t.Key, t => t.Value);

    /// <summary>
    /// A version already holding the planned document (a retried update whose answer was lost) becomes the default;
    /// otherwise a new one, after making room (IAM keeps at most five) by dropping the oldest that is not in use.
    /// </summary>
    private async Task SetDocumentAsync(AccessPolicyPlan plan, CancellationToken ct)
    {
        var versions = await iam.Policies.ListPolicyVersionsAsync(plan.Arn, ct);
        foreach (var version in versions.Where(v => !v.IsDefault))
        {
            if (!PolicyComparer.AreEquivalent(await iam.Policies.GetPolicyVersionDocumentAsync(plan.Arn, version.VersionId, ct), plan.Document)) continue;
            await iam.Policies.SetDefaultPolicyVersionAsync(plan.Arn, version.VersionId, ct);
            return;
        }
        if (versions.Count >= MaxVersions && versions.Where(v => !v.IsDefault).MinBy(v => v.CreateDate) is { } oldest)
            await iam.Policies.DeletePolicyVersionAsync(plan.Arn, oldest.VersionId, ct);
        await iam.Policies.CreatePolicyVersionAsync(plan.Arn, plan.Document, setAsDefault: true, ct);
    }
}
