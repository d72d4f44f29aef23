using k8s;
using k8s.Models;
using Provisioner.Worker.Kubernetes;
using Provisioner.Worker.Stages.MilvusRelease;

namespace Provisioner.Worker.Stages.ServiceAccount;

/// <summary>
/// The ServiceAccount's namespace: created (labelled as ours) when missing; removed only when it is ours for this
/// environment and holds nothing but our own objects and what Kubernetes puts in every namespace, checked over every
/// namespaced kind the API server serves (<see cref="NamespaceContents"/>). PersistentVolumeClaims are data: they keep
/// the namespace unless deprovisioning was asked to delete data, and then only our release's claims are deleted first.
/// </summary>
internal sealed class ServiceAccountNamespace(KubernetesCalls calls, ILogger logger)
{
    private readonly NamespaceContents contents = new(calls);

    /// <summary>True when this call created it (so a failure right after may remove it again).</summary>
    public async Task<bool> EnsureAsync(ServiceAccountPlan plan, CancellationToken ct)
    {
        var existing = await calls.ReadAsync($"read namespace {plan.Namespace}",
            (c, t) => c.CoreV1.ReadNamespaceAsync(plan.Namespace, cancellationToken: t), ct);
        if (existing is not null) return false;
        var manifest = new V1Namespace
        {
            Metadata = new V1ObjectMeta { Name = plan.Namespace, Labels = plan.Labels.ToDictionary(StringComparer.Ordinal) },
        };
        try
        {
            await calls.RunAsync($"create namespace {plan.Namespace}", (c, t) => c.CoreV1.CreateNamespaceAsync(manifest, cancellationToken: t), ct);
        }
        catch (KubernetesApiException ex) when (ex.Kind == KubernetesErrorKind.AlreadyExists)
        {
            return false;
        }
        logger.LogInformation("Created namespace {Namespace}", plan.Namespace);
        return true;
    }

    /// <summary>
    /// Compensation's way: never deletes data that existed before the run. A namespace this run created holds only what
    /// this run made — its release's claims included, which no one has used — so those go with it, as if the run never
    /// happened. Null when deleted or already gone; otherwise why it was kept.
    /// </summary>
    public Task<string?> DeleteIfOursAndEmptyAsync(ServiceAccountPlan plan, CancellationToken ct) =>
        DeleteIfOursAndEmptyAsync(plan, deleteData: false, ct, compensating: true);

    /// <summary>
    /// Deprovisioning's answer for the namespace: deleted, or retained with the reason (so it stays in the inventory and
    /// a later deprovisioning, with deleteData, comes back for it).
    /// </summary>
    public async Task<(string Action, string Detail)> DeprovisionAsync(ServiceAccountPlan plan, bool deleteData, CancellationToken ct) =>
        Outcome(plan, await DeleteIfOursAndEmptyAsync(plan, deleteData, ct));

    /// <summary>Compensation's answer for a namespace its run created, when the account in it is gone already.</summary>
    public async Task<(string Action, string Detail)> CompensateAsync(ServiceAccountPlan plan, CancellationToken ct) =>
        Outcome(plan, await DeleteIfOursAndEmptyAsync(plan, ct));

    private static (string Action, string Detail) Outcome(ServiceAccountPlan plan, string? kept) => kept is not null
        ? (Reconciler.Retained, $"namespace {plan.Namespace} retained: {kept}")
        : (Reconciler.Deleted, $"namespace {plan.Namespace} deleted");

    /// <summary>The namespace exists and was created by the run whose plan this is.</summary>
    public async Task<bool> CreatedByRunAsync(ServiceAccountPlan plan, CancellationToken ct) =>
        await calls.ReadAsync($"read namespace {plan.Namespace}", (c, t) => c.CoreV1.ReadNamespaceAsync(plan.Namespace, cancellationToken: t), ct)
            is { } existing && KubernetesLabels.CreatedByRunOf(existing.Metadata?.Labels, plan);

    public async Task<bool> ExistsAsync(ServiceAccountPlan plan, CancellationToken ct) =>
        await calls.ReadAsync($"read namespace {plan.Namespace}", (c, t) => c.CoreV1.ReadNamespaceAsync(plan.Namespace, cancellationToken: t), ct) is not null;

    /// <param name="deleteData">Deprovisioning asked for data deletion: the release's PersistentVolumeClaims go first.</param>
    public async Task<string?> DeleteIfOursAndEmptyAsync(ServiceAccountPlan plan, bool deleteData, CancellationToken ct, bool compensating = false)
    {
        var existing = await calls.ReadAsync($"read namespace {plan.Namespace}",
            (c, t) => c.CoreV1.ReadNamespaceAsync(plan.Namespace, cancellationToken: t), ct);
        if (existing is null) return null;
        var environment = KubernetesLabels.EnvironmentOf(plan);
        deleteData |= compensating && KubernetesLabels.CreatedByRunOf(existing.Metadata?.Labels, plan);
        var kept = KubernetesLabels.IsOwnedBy(existing.Metadata?.Labels, environment)
            ? await OtherContentAsync(plan, environment, deleteData, ct)
            : "it is not labelled as this environment's";
        if (kept is not null)
        {
            logger.LogInformation("Kept namespace {Namespace}: {Reason}", plan.Namespace, kept);
            return kept;
        }
        await calls.DeleteAsync($"delete namespace {plan.Namespace}",
            (c, t) => c.CoreV1.DeleteNamespaceAsync(plan.Namespace, cancellationToken: t), ct);
        logger.LogInformation("Deleted namespace {Namespace}", plan.Namespace);
        return null;
    }

    private async Task<string?> OtherContentAsync(ServiceAccountPlan plan, string environment, bool deleteData, CancellationToken ct)
    {
        var inventory = await contents.ReadAsync(plan.Namespace, environment, ct);
        if (inventory.Unchecked is { } why) return $"what it holds cannot be checked ({why})";
        var others = inventory.Others.ToList();
        if (deleteData && plan.Release is { } release)
        {
            var claims = others.Where(o => o.IsClaim && o.Labels.GetValueOrDefault(ReleaseWorkloads.InstanceLabel) == release).ToList();
            foreach (var claim in claims)
            {
                await calls.DeleteAsync($"delete persistentvolumeclaim {plan.Namespace}/{claim.Name}",
                    (c, t) => c.CoreV1.DeleteNamespacedPersistentVolumeClaimAsync(claim.Name, plan.Namespace, cancellationToken: t), ct);
                logger.LogInformation("Deleted persistentvolumeclaim {Namespace}/{Claim} of release {Release} (deleteData)", plan.Namespace, claim.Name, release);
            }
            others.RemoveAll(claims.Contains);
        }
        return others.Count == 0 ? null : NamespaceInventory.Describe(others);
    }
}
