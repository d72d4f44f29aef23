using System.Text.Json;
using Provisioner.Contracts;
using Provisioner.Worker.Aws.Iam;
using Provisioner.Worker.Kubernetes;
using Provisioner.Worker.Planning;
using Provisioner.Worker.Stages.ServiceAccount;

namespace Provisioner.Worker.Stages.AccessKey;

/// <summary>
/// The user's access key and the Secret holding it, as one resource: the Secret is what exists; the key is complete
/// only when the Secret holds the id of an active key of the user. A key that no Secret holds (a crash between the
/// create and the write) is deleted before a new one is made, so a retry never meets IAM's limit of two keys a user.
/// The namespace it may have created can hold the release's PersistentVolumeClaims: deprovisioning decides about data here.
/// </summary>
public sealed class AccessKeySecretResource : IResource<AccessKeyPlan>, IHoldsData<AccessKeyPlan>
{
    public const string Key = "access-key";
    public const string Region = "region";
    public const string Labels = "labels";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly IamClient iam;
    private readonly AccessKeySecrets secrets;
    private readonly ServiceAccountNamespace namespaces;
    private readonly UserAccessKeys keys;
    private readonly ILogger<AccessKeySecretResource> logger;

    public AccessKeySecretResource(IamClient iam, KubernetesCalls calls, ILogger<AccessKeySecretResource> logger)
    {
        (this.iam, this.logger) = (iam, logger);
        secrets = new AccessKeySecrets(calls);
        namespaces = new ServiceAccountNamespace(calls, logger);
        keys = new UserAccessKeys(iam, logger);
    }

    public async Task<Observation> ObserveAsync(AccessKeyPlan plan, string environment, CancellationToken ct)
    {
        var secret = await secrets.ReadAsync(plan, ct);
        if (secret is null) return Observation.Missing;
        var labels = secret.Metadata?.Labels ?? new Dictionary<string, string>();
        var tags = KubernetesLabels.AsTags(labels)!;
        if (!OwnershipTags.IsOwnedBy(tags, environment)) return Observation.Found(tags, []);
        var drift = new List<string>();
        var stored = AccessKeySecrets.Value(secret, AccessKeyPlan.AccessKeyIdKey);
        var held = await keys.ListAsync(plan, ct);
        if (held.Count != 1 || held[0].AccessKeyId != stored || held[0].Status != "Active") drift.Add(Key);
        if (AccessKeySecrets.Value(secret, AccessKeyPlan.RegionKey) != plan.Region) drift.Add(Region);
        if (!OwnershipTags.Converged(plan.Labels, labels.AsReadOnly())) drift.Add(Labels);
        var state = new AccessKeyState(AccessKeySecrets.Value(secret, AccessKeyPlan.RegionKey), labels.AsReadOnly(), drift);
        return Observation.Found(tags, drift, JsonSerializer.Serialize(state, Json));
    }

    public async Task CreateAsync(AccessKeyPlan plan, CancellationToken ct)
    {
        var createdNamespace = await namespaces.EnsureAsync(NamespaceOf(plan), ct);
        try
        {
            // No Secret: any key the user has is held nowhere (a crash after CreateAccessKey). Replace it.
            await keys.DeleteAllAsync(plan, keep: null, ct);
            await NewKeyIntoSecretAsync(plan, secretExists: false, ct);
        }
        catch when (createdNamespace)
        {
            await namespaces.DeleteIfOursAndEmptyAsync(NamespaceOf(plan), CancellationToken.None);
            throw;
        }
    }

    public async Task UpdateAsync(AccessKeyPlan plan, Observation observed, CancellationToken ct)
    {
        if (observed.Drift.Contains(Key))
        {
            var secret = await secrets.ReadAsync(plan, ct);
            var stored = secret is null ? null : AccessKeySecrets.Value(secret, AccessKeyPlan.AccessKeyIdKey);
            var held = await keys.ListAsync(plan, ct);
            if (held.Any(k => k.AccessKeyId == stored && k.Status == "Active"))
            {
                await keys.DeleteAllAsync(plan, keep: stored, ct);
            }
            else
            {
                await keys.DeleteAllAsync(plan, keep: null, ct);
                await NewKeyIntoSecretAsync(plan, secretExists: true, ct);
                return;
            }
        }
        if (observed.Drift.Contains(Region) || observed.Drift.Contains(Labels))
            await secrets.PatchAsync(plan, KubernetesLabels.WithoutRunId(plan.Labels), plan.Region, exact: false, ct);
    }

    /// <summary>
    /// Region and labels go back; a key is never brought back: the update replaced it only because the Secret held no
    /// working key, and a deleted key cannot be recreated.
    /// </summary>
    public async Task<string> RestoreAsync(AccessKeyPlan plan, string state, CancellationToken ct)
    {
        var before = JsonSerializer.Deserialize<AccessKeyState>(state, Json)!;
        var notes = new List<string>();
        if (before.Drift.Contains(Region) || before.Drift.Contains(Labels))
        {
            await secrets.PatchAsync(plan, before.Labels, before.Region, exact: true, ct);
            notes.Add("region and labels restored");
        }
        if (before.Drift.Contains(Key)) notes.Add("the Secret keeps the working key the run put there (a replaced or stray key cannot come back)");
        return string.Join("; ", notes);
    }

    public async Task DeleteAsync(AccessKeyPlan plan, CancellationToken ct)
    {
        await DeleteKeyAndSecretAsync(plan, ct);
        await namespaces.DeleteIfOursAndEmptyAsync(NamespaceOf(plan), ct);
    }

    /// <summary>The key and its Secret go; the namespace too unless it holds anything but ours (PVCs count unless <paramref name="deleteData"/>).</summary>
    public async Task<(string Action, string Detail)> DeprovisionAsync(AccessKeyPlan plan, bool deleteData, CancellationToken ct)
    {
        await DeleteKeyAndSecretAsync(plan, ct);
        return await namespaces.DeprovisionAsync(NamespaceOf(plan), deleteData, ct);
    }

    public async Task<(string Action, string Detail)?> DeprovisionLeftoversAsync(AccessKeyPlan plan, bool deleteData, CancellationToken ct) =>
        await namespaces.ExistsAsync(NamespaceOf(plan), ct) ? await namespaces.DeprovisionAsync(NamespaceOf(plan), deleteData, ct) : null;

    private async Task DeleteKeyAndSecretAsync(AccessKeyPlan plan, CancellationToken ct)
    {
        if (await secrets.DeleteAsync(plan, ct))
            logger.LogInformation("Deleted secret {Namespace}/{Secret}", plan.Namespace, plan.SecretName);
        await keys.DeleteAllAsync(plan, keep: null, ct);
    }

    public IReadOnlyDictionary<string, string> Outputs(AccessKeyPlan plan) => new Dictionary<string, string>
    {
        ["user"] = plan.UserName,
        ["namespace"] = plan.Namespace,
        ["secret"] = plan.SecretName,
    };

    /// <summary>The one moment the secret is in memory: from the IAM answer into the Secret, and nowhere else.</summary>
    private async Task NewKeyIntoSecretAsync(AccessKeyPlan plan, bool secretExists, CancellationToken ct)
    {
        var key = await iam.Users.CreateAccessKeyAsync(plan.UserName, ct);
        try
        {
            await secrets.WriteAsync(plan, key, secretExists, ct);
        }
        catch (KubernetesApiException ex) when (!secretExists && ex.Kind == KubernetesErrorKind.AlreadyExists)
        {
            // A create retried after its answer was lost finds its own Secret, holding this very key: that is success.
            if (await secrets.ReadAsync(plan, CancellationToken.None) is { } landed
                && AccessKeySecrets.Value(landed, AccessKeyPlan.AccessKeyIdKey) == key.AccessKeyId) return;
            await keys.DeleteQuietlyAsync(plan, key.AccessKeyId);
            throw new ResourceConflictException(StageNames.AccessKey, $"{plan.Namespace}/{plan.SecretName}", "appeared while the key was being made");
        }
        catch
        {
            // Courier does not compensate the failing activity: a key no Secret holds must not outlive this call.
            await keys.DeleteQuietlyAsync(plan, key.AccessKeyId);
            throw;
        }
        logger.LogInformation("Stored access key {AccessKeyId} of user {User} in secret {Namespace}/{Secret}", key.AccessKeyId,
            plan.UserName, plan.Namespace, plan.SecretName);
    }

    private static ServiceAccountPlan NamespaceOf(AccessKeyPlan plan) =>
        new(plan.Namespace, plan.SecretName, Manage: true, Adopt: false, plan.Labels, new Dictionary<string, string>()) { Release = plan.Release };
}
