using Provisioner.Worker.Planning;

namespace Provisioner.Worker.Stages.ServiceAccount;

/// <summary>
/// Kubernetes labels seen as ownership tags. The cluster spells managed-by the recommended way
/// (<c>app.kubernetes.io/managed-by</c>); the environment and run-id keys are the same as on AWS.
/// </summary>
public static class KubernetesLabels
{
    public const string ManagedBy = "app.kubernetes.io/managed-by";

    public static IReadOnlyDictionary<string, string>? AsTags(IDictionary<string, string>? labels)
    {
        if (labels is null) return null;
        var tags = labels.Where(l => l.Key != OwnershipTags.ManagedBy).ToDictionary(StringComparer.Ordinal);
        if (labels.TryGetValue(ManagedBy, out var managedBy)) tags[OwnershipTags.ManagedBy] = managedBy;
        return tags;
    }

    public static bool IsOwnedBy(IDictionary<string, string>? labels, string environment) =>
        OwnershipTags.IsOwnedBy(AsTags(labels), environment);

    /// <summary>The plan's labels for a reconcile or an adoption: the run id records the creator and is never rewritten.</summary>
    public static Dictionary<string, string> WithoutRunId(IReadOnlyDictionary<string, string> labels) =>
        labels.Where(l => l.Key != OwnershipTags.RunId).ToDictionary(StringComparer.Ordinal);

    /// <summary>The object was created by the run whose plan this is (its run-id label is the plan's).</summary>
    public static bool CreatedByRunOf(IDictionary<string, string>? labels, ServiceAccountPlan plan) =>
        labels is not null && plan.Labels.TryGetValue(OwnershipTags.RunId, out var run)
        && labels.TryGetValue(OwnershipTags.RunId, out var creator) && creator == run;

    public static string EnvironmentOf(ServiceAccountPlan plan) => plan.Labels[OwnershipTags.Environment];
}
