using k8s;
using k8s.Models;
using Provisioner.Worker.Kubernetes;

namespace Provisioner.Worker.Stages.ServiceAccount;

/// <summary>
/// The ServiceAccount's namespace: created (labelled as ours) when missing; removed only when it is ours for this
/// environment and holds nothing but what Kubernetes puts in every namespace.
/// </summary>
internal sealed class ServiceAccountNamespace(KubernetesCalls calls, ILogger logger)
{
    public const string DefaultServiceAccount = "default";
    public const string ServiceAccountTokenType = "kubernetes.io/service-account-token";

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

    /// <summary>Null when deleted or already gone; otherwise why it was kept.</summary>
    public async Task<string?> DeleteIfOursAndEmptyAsync(ServiceAccountPlan plan, CancellationToken ct)
    {
        var existing = await calls.ReadAsync($"read namespace {plan.Namespace}",
            (c, t) => c.CoreV1.ReadNamespaceAsync(plan.Namespace, cancellationToken: t), ct);
        if (existing is null) return null;
        var kept = KubernetesLabels.IsOwnedBy(existing.Metadata?.Labels, KubernetesLabels.EnvironmentOf(plan))
            ? await OtherContentAsync(plan.Namespace, ct)
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

    private async Task<string?> OtherContentAsync(string ns, CancellationToken ct)
    {
        var accounts = await calls.RunAsync($"list serviceaccounts in {ns}",
            (c, t) => c.CoreV1.ListNamespacedServiceAccountAsync(ns, cancellationToken: t), ct);
        var otherAccounts = accounts.Items.Select(a => a.Metadata.Name).Where(n => n != DefaultServiceAccount).ToList();
        if (otherAccounts.Count > 0) return $"it holds other serviceaccounts ({string.Join(", ", otherAccounts)})";
        var pods = await calls.RunAsync($"list pods in {ns}", (c, t) => c.CoreV1.ListNamespacedPodAsync(ns, limit: 1, cancellationToken: t), ct);
        if (pods.Items.Count > 0) return "it holds pods";
        var secrets = await calls.RunAsync($"list secrets in {ns}", (c, t) => c.CoreV1.ListNamespacedSecretAsync(ns, cancellationToken: t), ct);
        var otherSecrets = secrets.Items.Where(s => s.Type != ServiceAccountTokenType).Select(s => s.Metadata.Name).ToList();
        return otherSecrets.Count > 0 ? $"it holds secrets ({string.Join(", ", otherSecrets)})" : null;
    }
}
