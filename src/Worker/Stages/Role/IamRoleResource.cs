using System.Text.Json;
using Provisioner.Worker.Aws;
using Provisioner.Worker.Aws.Iam;
using Provisioner.Worker.Common;
using Provisioner.Worker.Planning;
using Provisioner.Worker.Stages.AccessPolicy;

namespace Provisioner.Worker.Stages.Role;

/// <summary>The IRSA role: trusted only by the environment's ServiceAccount, with the access policy attached.</summary>
public sealed class IamRoleResource(IamClient iam, OidcProviders providers, BoundedRetry consistencyRetry) : IResource<RolePlan>
{
    public const string Trust = "trust-policy";
    public const string Boundary = "permissions-boundary";
    public const string Tags = "tags";
    public const string Attachment = "policy-attachment";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<Observation> ObserveAsync(RolePlan plan, string environment, CancellationToken ct)
    {
        var role = await iam.Roles.GetRoleAsync(plan.Name, ct);
        if (role is null) return Observation.Missing;
        if (role.Path != plan.Path)
            throw new ResourceConflictException("role", plan.Name, $"has path {role.Path}, and a role's path cannot change (planned {plan.Path})");
        var drift = new List<string>();
        if (!PolicyComparer.AreEquivalent(role.AssumeRolePolicyDocument, plan.TrustPolicy)) drift.Add(Trust);
        if (role.PermissionsBoundaryArn != plan.PermissionsBoundary) drift.Add(Boundary);
        if (!OwnershipTags.Converged(plan.Tags, role.Tags)) drift.Add(Tags);
        var attached = await iam.Roles.ListAttachedRolePoliciesAsync(plan.Name, ct);
        if (!attached.Contains(plan.PolicyArn)) drift.Add(Attachment);
        var differences = new List<string>();
        if (drift.Contains(Trust)) differences.Add(DriftText.Setting(Trust, DriftText.Document(role.AssumeRolePolicyDocument), DriftText.Document(plan.TrustPolicy)));
        if (drift.Contains(Boundary)) differences.Add(DriftText.Setting(Boundary, role.PermissionsBoundaryArn, plan.PermissionsBoundary));
        if (drift.Contains(Tags)) differences.AddRange(DriftText.Tags(Tags, plan.Tags, role.Tags.ToDictionary(t => t.Key, t => (string?)t.Value)));
        if (drift.Contains(Attachment)) differences.Add($"{Attachment}: {plan.PolicyArn} not attached, applied attached");
        return Observation.Found(role.Tags, drift,
            JsonSerializer.Serialize(new RoleState(role.AssumeRolePolicyDocument, role.PermissionsBoundaryArn, role.Tags, attached, drift), Json))
            with
        { Differences = differences };
    }

    public async Task CreateAsync(RolePlan plan, CancellationToken ct)
    {
        await providers.EnsureAsync(plan, ct);
        await iam.Roles.CreateRoleAsync(plan.Name, plan.Path, plan.TrustPolicy,
            $"Milvus IRSA role for environment {plan.Tags[OwnershipTags.Environment]}", plan.PermissionsBoundary, plan.Tags, ct);
        try
        {
            await AttachAsync(plan, ct);
        }
        catch
        {
            // Courier does not compensate the failing activity: remove the half-made role ourselves.
            await DeleteAsync(plan, CancellationToken.None);
            throw;
        }
    }

    public async Task UpdateAsync(RolePlan plan, Observation observed, CancellationToken ct)
    {
        if (observed.Drift.Contains(Trust))
        {
            await providers.EnsureAsync(plan, ct);
            await iam.Roles.UpdateAssumeRolePolicyAsync(plan.Name, plan.TrustPolicy, ct);
        }
        if (observed.Drift.Contains(Boundary))
        {
            if (plan.PermissionsBoundary is { } boundary) await iam.Roles.PutRolePermissionsBoundaryAsync(plan.Name, boundary, ct);
            else await iam.Roles.DeleteRolePermissionsBoundaryAsync(plan.Name, ct);
        }
        if (observed.Drift.Contains(Tags)) await iam.Roles.TagRoleAsync(plan.Name, IamPolicyResource.WithoutRunId(plan.Tags), ct);
        if (observed.Drift.Contains(Attachment)) await AttachAsync(plan, ct);
    }

    public async Task<string> RestoreAsync(RolePlan plan, string state, CancellationToken ct)
    {
        var before = JsonSerializer.Deserialize<RoleState>(state, Json)!;
        if (before.Drift.Contains(Trust)) await iam.Roles.UpdateAssumeRolePolicyAsync(plan.Name, before.TrustPolicy, ct);
        if (before.Drift.Contains(Boundary))
        {
            if (before.PermissionsBoundary is { } boundary) await iam.Roles.PutRolePermissionsBoundaryAsync(plan.Name, boundary, ct);
            else await iam.Roles.DeleteRolePermissionsBoundaryAsync(plan.Name, ct);
        }
        if (before.Drift.Contains(Tags))
            await IamTags.RestoreAsync(before.Tags, plan.Tags, tags => iam.Roles.TagRoleAsync(plan.Name, tags, ct),
                keys => iam.Roles.UntagRoleAsync(plan.Name, keys, ct));
        if (before.Drift.Contains(Attachment))
        {
            var attached = await iam.Roles.ListAttachedRolePoliciesAsync(plan.Name, ct);
            foreach (var arn in attached.Except(before.AttachedPolicies)) await iam.Roles.DetachRolePolicyAsync(plan.Name, arn, ct);
            foreach (var arn in before.AttachedPolicies.Except(attached)) await iam.Roles.AttachRolePolicyAsync(plan.Name, arn, ct);
        }
        return $"{string.Join(", ", before.Drift)} restored";
    }

    public async Task DeleteAsync(RolePlan plan, CancellationToken ct)
    {
        try
        {
            foreach (var policyArn in await iam.Roles.ListAttachedRolePoliciesAsync(plan.Name, ct))
                await iam.Roles.DetachRolePolicyAsync(plan.Name, policyArn, ct);
            foreach (var inline in await iam.Roles.ListRolePolicyNamesAsync(plan.Name, ct))
                await iam.Roles.DeleteRolePolicyAsync(plan.Name, inline, ct);
            await iam.Roles.DeleteRoleAsync(plan.Name, ct);
        }
        catch (AwsException ex) when (ex.Code == "NoSuchEntity") { }
    }

    public IReadOnlyDictionary<string, string> Outputs(RolePlan plan) =>
        new Dictionary<string, string> { ["name"] = plan.Name, ["arn"] = plan.Arn, ["oidcProvider"] = plan.OidcProviderArn };

    /// <summary>A policy created a moment ago may not be visible to AttachRolePolicy yet (IAM is eventually consistent).</summary>
    private Task AttachAsync(RolePlan plan, CancellationToken ct) => consistencyRetry.ExecuteAsync(
        token => iam.Roles.AttachRolePolicyAsync(plan.Name, plan.PolicyArn, token),
        ex => ex is AwsException { Code: "NoSuchEntity" }, ct);
}
