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

    public const string Release = "milvus-a";

    /// <summary>
    /// Something else living in the namespace: other-account, pod, pod-of-a-deleted-replicaset, opaque-secret,
    /// token-secret, event, configmap, ours-configmap (labelled as the environment's), deployment, pvc (of
    /// <see cref="Release"/>), other-release-pvc, custom (an object of a CRD's kind), or nothing.
    /// </summary>
    public async Task AddAsync(string other, string ns, ServiceAccountPlan? plan = null)
    {
        var meta = new V1ObjectMeta { Name = "other" };
        var ct = harness.Ct;
        _ = other switch
        {
            "event" => await harness.Raw.CoreV1.CreateNamespacedEventAsync(new Corev1Event
            {
                Metadata = meta, InvolvedObject = new V1ObjectReference { Kind = "Pod", Name = "gone" }, Reason = "Killing", Message = "Stopping container",
            }, ns, cancellationToken: ct),
            "configmap" => await harness.Raw.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = meta }, ns, cancellationToken: ct),
            "ours-configmap" => await harness.Raw.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap
            {
                Metadata = new V1ObjectMeta { Name = "other", Labels = plan!.Labels.ToDictionary() },
            }, ns, cancellationToken: ct),
            "deployment" => await harness.Raw.AppsV1.CreateNamespacedDeploymentAsync(new V1Deployment
            {
                Metadata = meta,
                Spec = new V1DeploymentSpec
                {
                    Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "other" } },
                    Template = new V1PodTemplateSpec
                    {
                        Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = "other" } },
                        Spec = new V1PodSpec { Containers = [new V1Container { Name = "c", Image = "busybox" }] },
                    },
                },
            }, ns, cancellationToken: ct),
            // What a helm uninstall leaves for the garbage collector for a moment: a pod whose ReplicaSet is already gone.
            "pod-of-a-deleted-replicaset" => await harness.Raw.CoreV1.CreateNamespacedPodAsync(new V1Pod
            {
                Metadata = new V1ObjectMeta
                {
                    Name = "other",
                    OwnerReferences = [new V1OwnerReference { ApiVersion = "apps/v1", Kind = "ReplicaSet", Name = "gone", Uid = Guid.NewGuid().ToString(), Controller = true }],
                },
                Spec = new V1PodSpec { Containers = [new V1Container { Name = "c", Image = "busybox" }] },
            }, ns, cancellationToken: ct),
            "pvc" => await CreateClaimAsync(ns, "data-etcd-0", Release),
            "other-release-pvc" => await CreateClaimAsync(ns, "other", "someone-else"),
            "custom" => await CreateCustomAsync(ns),
            "other-account" => await harness.Raw.CoreV1.CreateNamespacedServiceAccountAsync(new V1ServiceAccount { Metadata = meta }, ns, cancellationToken: ct),
            "pod" => await harness.Raw.CoreV1.CreateNamespacedPodAsync(new V1Pod { Metadata = meta, Spec = new V1PodSpec { Containers = [new V1Container { Name = "c", Image = "busybox" }] } }, ns, cancellationToken: ct),
            "opaque-secret" => await harness.Raw.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = meta, Type = "Opaque" }, ns, cancellationToken: ct),
            "token-secret" => await harness.Raw.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = meta, Type = "kubernetes.io/service-account-token" }, ns, cancellationToken: ct),
            _ => (object)"nothing",
        };
    }

    private Task<V1PersistentVolumeClaim> CreateClaimAsync(string ns, string name, string release) =>
        harness.Raw.CoreV1.CreateNamespacedPersistentVolumeClaimAsync(new V1PersistentVolumeClaim
        {
            Metadata = new V1ObjectMeta { Name = name, Labels = new Dictionary<string, string> { ["app.kubernetes.io/instance"] = release } },
            Spec = new V1PersistentVolumeClaimSpec
            {
                AccessModes = ["ReadWriteOnce"],
                Resources = new V1VolumeResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["storage"] = new("10Gi") } },
            },
        }, ns, cancellationToken: harness.Ct);

    /// <summary>A kind the worker has never heard of, served as a CRD would serve it.</summary>
    private Task<object> CreateCustomAsync(string ns)
    {
        harness.StandIn.ServeCustomResource("example.com", "v1", "widgets", "Widget");
        return harness.Raw.CustomObjects.CreateNamespacedCustomObjectAsync(new Dictionary<string, object>
        {
            ["apiVersion"] = "example.com/v1", ["kind"] = "Widget", ["metadata"] = new Dictionary<string, object> { ["name"] = "other" },
        }, "example.com", "v1", ns, "widgets", cancellationToken: harness.Ct);
    }
}
