using k8s;
using k8s.Models;
using Provisioner.Worker.Planning;
using Provisioner.Worker.Stages.ServiceAccount;
using Provisioner.Worker.Tests.Infrastructure;

namespace Provisioner.Worker.Tests.Stages.ServiceAccount;

/// <summary>Start states for ServiceAccount tests, made through the API as another client would make them.</summary>
internal sealed class ServiceAccountScenes(KubernetesHarness harness)
{
    /// <summary>missing, namespace-only, ours, ours-other-role, ours-no-annotation or foreign (someone else's labels).</summary>
    public async Task ArrangeAsync(string start, ServiceAccountPlan plan, string otherRole)
    {
        if (start == "missing") return;
        if (harness.StandIn.Find("namespaces", "", plan.Namespace) is null)
            await harness.Raw.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = plan.Namespace } }, cancellationToken: harness.Ct);
        if (start == "namespace-only") return;
        var labels = start == "foreign" ? new Dictionary<string, string> { ["team"] = "platform" } : plan.Labels.ToDictionary();
        var annotations = start switch
        {
            "ours" => plan.Annotations.ToDictionary(),
            "ours-no-annotation" => new Dictionary<string, string>(),
            _ => new Dictionary<string, string> { [Planner.RoleArnAnnotation] = otherRole },
        };
        var existing = harness.StandIn.Find("serviceaccounts", plan.Namespace, plan.Name);
        var account = new V1ServiceAccount { Metadata = new V1ObjectMeta { Name = plan.Name, Labels = labels, Annotations = annotations } };
        if (existing is null) await harness.Raw.CoreV1.CreateNamespacedServiceAccountAsync(account, plan.Namespace, cancellationToken: harness.Ct);
        else await harness.Raw.CoreV1.ReplaceNamespacedServiceAccountAsync(account, plan.Name, plan.Namespace, cancellationToken: harness.Ct);
    }

    /// <summary>Something else living in the namespace: other-account, pod, opaque-secret, token-secret (or nothing).</summary>
    public async Task AddAsync(string other, string ns)
    {
        var meta = new V1ObjectMeta { Name = "other" };
        var ct = harness.Ct;
        _ = other switch
        {
            "other-account" => await harness.Raw.CoreV1.CreateNamespacedServiceAccountAsync(new V1ServiceAccount { Metadata = meta }, ns, cancellationToken: ct),
            "pod" => await harness.Raw.CoreV1.CreateNamespacedPodAsync(new V1Pod { Metadata = meta, Spec = new V1PodSpec { Containers = [new V1Container { Name = "c", Image = "busybox" }] } }, ns, cancellationToken: ct),
            "opaque-secret" => await harness.Raw.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = meta, Type = "Opaque" }, ns, cancellationToken: ct),
            "token-secret" => await harness.Raw.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = meta, Type = "kubernetes.io/service-account-token" }, ns, cancellationToken: ct),
            _ => (object)"nothing",
        };
    }
}
