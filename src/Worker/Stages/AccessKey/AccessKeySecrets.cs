using System.Text;
using k8s;
using k8s.Models;
using Provisioner.Worker.Aws.Iam;
using Provisioner.Worker.Kubernetes;
using Provisioner.Worker.Planning;

namespace Provisioner.Worker.Stages.AccessKey;

/// <summary>
/// The Kubernetes Secret that holds an environment's access key. The secret value goes from the IAM answer straight
/// into the Secret's data; operation names and log lines carry the Secret's name and the key id only.
/// </summary>
public sealed class AccessKeySecrets(KubernetesCalls calls)
{
    public const string SecretType = "Opaque";

    /// <summary>The rotation that last wrote the key, so a redelivered rotation step knows its work is done.</summary>
    public const string RotationAnnotation = OwnershipTags.Prefix + "rotation-id";

    public static Guid? RotationOf(V1Secret secret) =>
        secret.Metadata?.Annotations is { } annotations && annotations.TryGetValue(RotationAnnotation, out var id) && Guid.TryParse(id, out var guid)
            ? guid : null;

    public Task<V1Secret?> ReadAsync(AccessKeyPlan plan, CancellationToken ct) =>
        calls.ReadAsync($"read secret {plan.Namespace}/{plan.SecretName}",
            (c, t) => c.CoreV1.ReadNamespacedSecretAsync(plan.SecretName, plan.Namespace, cancellationToken: t), ct);

    public static string? Value(V1Secret secret, string key) =>
        secret.Data is { } data && data.TryGetValue(key, out var bytes) ? Encoding.UTF8.GetString(bytes) : null;

    /// <summary>Creates the Secret, or replaces the one that is there (the caller has checked it is ours).</summary>
    public async Task WriteAsync(AccessKeyPlan plan, IamAccessKey key, bool exists, CancellationToken ct, Guid? rotationId = null)
    {
        var secret = new V1Secret
        {
            Metadata = new V1ObjectMeta
            {
                Name = plan.SecretName,
                NamespaceProperty = plan.Namespace,
                Labels = plan.Labels.ToDictionary(StringComparer.Ordinal),
                Annotations = rotationId is { } rotation ? new Dictionary<string, string> { [RotationAnnotation] = rotation.ToString() } : null,
            },
            Type = SecretType,
            Data = new Dictionary<string, byte[]>
            {
                [AccessKeyPlan.AccessKeyIdKey] = Encoding.UTF8.GetBytes(key.AccessKeyId),
                [AccessKeyPlan.SecretAccessKeyKey] = Encoding.UTF8.GetBytes(key.SecretAccessKey),
                [AccessKeyPlan.RegionKey] = Encoding.UTF8.GetBytes(plan.Region),
            },
        };
        if (exists)
        {
            var current = await ReadAsync(plan, ct);
            // The run id records which run created the Secret: a replacement keeps it.
            if (current?.Metadata?.Labels is { } labels) secret.Metadata.Labels = Merge(labels, plan.Labels);
            await calls.RunAsync($"replace secret {plan.Namespace}/{plan.SecretName}",
                (c, t) => c.CoreV1.ReplaceNamespacedSecretAsync(secret, plan.SecretName, plan.Namespace, cancellationToken: t), ct);
        }
        else
        {
            await calls.RunAsync($"create secret {plan.Namespace}/{plan.SecretName}",
                (c, t) => c.CoreV1.CreateNamespacedSecretAsync(secret, plan.Namespace, cancellationToken: t), ct);
        }
    }

    /// <summary>
    /// Region and labels only: the key stays as it is. <paramref name="labels"/> are set over the Secret's; with
    /// <paramref name="exact"/> (a restore) they become its labels exactly, so the labels an update added go (the run id stays).
    /// </summary>
    public async Task PatchAsync(AccessKeyPlan plan, IReadOnlyDictionary<string, string> labels, string? region, bool exact, CancellationToken ct)
    {
        var current = exact ? (await ReadAsync(plan, ct))?.Metadata?.Labels ?? new Dictionary<string, string>() : new Dictionary<string, string>();
        var patchedLabels = current.Keys.Where(k => k != OwnershipTags.RunId && !labels.ContainsKey(k))
            .ToDictionary(k => k, object? (_) => null);
        foreach (var (key, value) in labels.Where(l => l.Key != OwnershipTags.RunId)) patchedLabels[key] = value;
        var patch = new V1Patch(new Dictionary<string, object>
        {
            ["metadata"] = new Dictionary<string, object> { ["labels"] = patchedLabels },
            ["data"] = new Dictionary<string, object?>
            {
                [AccessKeyPlan.RegionKey] = region is null ? null : Convert.ToBase64String(Encoding.UTF8.GetBytes(region)),
            },
        }, V1Patch.PatchType.MergePatch);
        await calls.RunAsync($"patch secret {plan.Namespace}/{plan.SecretName}",
            (c, t) => c.CoreV1.PatchNamespacedSecretAsync(patch, plan.SecretName, plan.Namespace, cancellationToken: t), ct);
    }

    public Task<bool> DeleteAsync(AccessKeyPlan plan, CancellationToken ct) =>
        calls.DeleteAsync($"delete secret {plan.Namespace}/{plan.SecretName}",
            (c, t) => c.CoreV1.DeleteNamespacedSecretAsync(plan.SecretName, plan.Namespace, cancellationToken: t), ct);

    private static Dictionary<string, string> Merge(IDictionary<string, string> current, IReadOnlyDictionary<string, string> planned)
    {
        var merged = planned.ToDictionary(StringComparer.Ordinal);
        if (current.TryGetValue(OwnershipTags.RunId, out var creator)) merged[OwnershipTags.RunId] = creator;
        return merged;
    }
}
