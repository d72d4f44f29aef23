using System.Text.Json;
using Provisioner.Worker.Aws;
using Provisioner.Worker.Aws.Iam;
using Provisioner.Worker.Common;
using Provisioner.Worker.Planning;
using Provisioner.Worker.Stages.AccessPolicy;

namespace Provisioner.Worker.Stages.IamUser;

/// <summary>
/// Access-key mode: the IAM user with the environment's access policy attached. Any other attached policy is drift and
/// is detached, so the user never holds more than the bucket grant (never AdministratorAccess or AmazonS3FullAccess).
/// </summary>
public sealed class IamUserResource(IamClient iam, BoundedRetry consistencyRetry) : IResource<IamUserPlan>
{
    public const string Boundary = "permissions-boundary";
    public const string Tags = "tags";
    public const string Attachment = "policy-attachment";
    public const string ExtraPolicies = "extra-policies";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<Observation> ObserveAsync(IamUserPlan plan, string environment, CancellationToken ct)
    {
        var user = await iam.Users.GetUserAsync(plan.Name, ct);
        if (user is null) return Observation.Missing;
        if (user.Path != plan.Path)
            throw new ResourceConflictException("user", plan.Name, $"has path {user.Path}, and a user's path is not changed by this provisioner (planned {plan.Path})");
        var drift = new List<string>();
        if (user.PermissionsBoundaryArn != plan.PermissionsBoundary) drift.Add(Boundary);
        if (!OwnershipTags.Converged(plan.Tags, user.Tags)) drift.Add(Tags);
        var attached = await iam.Users.ListAttachedUserPoliciesAsync(plan.Name, ct);
        if (!attached.Contains(plan.PolicyArn)) drift.Add(Attachment);
        var inline = await iam.Users.ListUserPolicyNamesAsync(plan.Name, ct);
        if (attached.Any(arn => arn != plan.PolicyArn) || inline.Count > 0) drift.Add(ExtraPolicies);
        if (drift.Count == 0) return Observation.Found(user.Tags, drift);
        // Inline policies are removed as drift: keep their documents, so a rollback can put them back as they were.
        var documents = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in inline)
            if (await iam.Users.GetUserPolicyDocumentAsync(plan.Name, name, ct) is { } document) documents[name] = document;
        return Observation.Found(user.Tags, drift,
            JsonSerializer.Serialize(new UserState(user.PermissionsBoundaryArn, user.Tags, attached, documents, drift), Json));
    }

    public async Task CreateAsync(IamUserPlan plan, CancellationToken ct)
    {
        await iam.Users.CreateUserAsync(plan.Name, plan.Path, plan.PermissionsBoundary, plan.Tags, ct);
        try
        {
            await AttachAsync(plan, ct);
        }
        catch
        {
            // Courier does not compensate the failing activity: remove the half-made user ourselves.
            await DeleteAsync(plan, CancellationToken.None);
            throw;
        }
    }

    public async Task UpdateAsync(IamUserPlan plan, Observation observed, CancellationToken ct)
    {
        if (observed.Drift.Contains(Boundary))
        {
            if (plan.PermissionsBoundary is { } boundary) await iam.Users.PutUserPermissionsBoundaryAsync(plan.Name, boundary, ct);
            else await iam.Users.DeleteUserPermissionsBoundaryAsync(plan.Name, ct);
        }
        if (observed.Drift.Contains(Tags)) await iam.Users.TagUserAsync(plan.Name, IamPolicyResource.WithoutRunId(plan.Tags), ct);
        if (observed.Drift.Contains(Attachment)) await AttachAsync(plan, ct);
        if (observed.Drift.Contains(ExtraPolicies)) await RemovePoliciesAsync(plan, keep: plan.PolicyArn, ct);
    }

    public async Task<string> RestoreAsync(IamUserPlan plan, string state, CancellationToken ct)
    {
        var before = JsonSerializer.Deserialize<UserState>(state, Json)!;
        if (before.Drift.Contains(Boundary))
        {
            if (before.PermissionsBoundary is { } boundary) await iam.Users.PutUserPermissionsBoundaryAsync(plan.Name, boundary, ct);
            else await iam.Users.DeleteUserPermissionsBoundaryAsync(plan.Name, ct);
        }
        if (before.Drift.Contains(Tags))
            await IamTags.RestoreAsync(before.Tags, plan.Tags, tags => iam.Users.TagUserAsync(plan.Name, tags, ct),
                keys => iam.Users.UntagUserAsync(plan.Name, keys, ct));
        if (before.Drift.Contains(Attachment) || before.Drift.Contains(ExtraPolicies))
        {
            var attached = await iam.Users.ListAttachedUserPoliciesAsync(plan.Name, ct);
            foreach (var arn in attached.Except(before.AttachedPolicies)) await iam.Users.DetachUserPolicyAsync(plan.Name, arn, ct);
            foreach (var arn in before.AttachedPolicies.Except(attached)) await iam.Users.AttachUserPolicyAsync(plan.Name, arn, ct);
            var inline = await iam.Users.ListUserPolicyNamesAsync(plan.Name, ct);
            foreach (var (name, document) in before.InlinePolicies.Where(p => !inline.Contains(p.Key)))
                await iam.Users.PutUserPolicyAsync(plan.Name, name, document, ct);
        }
        return $"{string.Join(", ", before.Drift)} restored";
    }

    /// <summary>IAM refuses to delete a user with keys or policies: those go first.</summary>
    public async Task DeleteAsync(IamUserPlan plan, CancellationToken ct)
    {
        try
        {
            foreach (var key in await iam.Users.ListAccessKeysAsync(plan.Name, ct))
                await iam.Users.DeleteAccessKeyAsync(plan.Name, key.AccessKeyId, ct);
            await RemovePoliciesAsync(plan, keep: null, ct);
            await iam.Users.DeleteUserAsync(plan.Name, ct);
        }
        catch (AwsException ex) when (ex.Code == "NoSuchEntity") { }
    }

    public IReadOnlyDictionary<string, string> Outputs(IamUserPlan plan) =>
        new Dictionary<string, string> { ["name"] = plan.Name, ["arn"] = plan.Arn, ["policyArn"] = plan.PolicyArn };

    private async Task RemovePoliciesAsync(IamUserPlan plan, string? keep, CancellationToken ct)
    {
        foreach (var policyArn in await iam.Users.ListAttachedUserPoliciesAsync(plan.Name, ct))
            if (policyArn != keep) await iam.Users.DetachUserPolicyAsync(plan.Name, policyArn, ct);
        foreach (var inline in await iam.Users.ListUserPolicyNamesAsync(plan.Name, ct))
            await iam.Users.DeleteUserPolicyAsync(plan.Name, inline, ct);
    }

    /// <summary>A policy created a moment ago may not be visible to AttachUserPolicy yet (IAM is eventually consistent).</summary>
    private Task AttachAsync(IamUserPlan plan, CancellationToken ct) => consistencyRetry.ExecuteAsync(
        token => iam.Users.AttachUserPolicyAsync(plan.Name, plan.PolicyArn, token),
        ex => ex is AwsException { Code: "NoSuchEntity" }, ct);
}
