using System.Text.Json.Nodes;

namespace Provisioner.Worker.Tests.Infrastructure;

/// <summary>
/// The cluster's controllers, reduced to what a test needs and run at once after each write: every namespace gets its
/// <c>default</c> ServiceAccount and <c>kube-root-ca.crt</c> ConfigMap, a PersistentVolumeClaim is bound, and
/// workloads are handled by <see cref="StandInWorkloadController"/>.
/// </summary>
public sealed class StandInControllers(KubernetesStandInStore store)
{
    public const string InstanceLabel = "app.kubernetes.io/instance";
    private readonly StandInWorkloadController workloads = new(store);

    /// <summary>Workloads labelled <c>app.kubernetes.io/instance: RELEASE</c> never become ready (pods that never start).</summary>
    public void NeverReady(string release) => workloads.NeverReady(release);

    /// <summary>Called by the store, under its lock, after every create or update.</summary>
    public void Changed(StandInResourceType type, string ns, string name)
    {
        switch (type.Group, type.Plural)
        {
            case ("", "namespaces"):
                Ensure(ns: name, "serviceaccounts", new JsonObject { ["metadata"] = new JsonObject { ["name"] = "default" } });
                Ensure(ns: name, "configmaps", new JsonObject
                {
                    ["metadata"] = new JsonObject { ["name"] = "kube-root-ca.crt" },
                    ["data"] = new JsonObject { ["ca.crt"] = "-----BEGIN CERTIFICATE-----\nstand-in\n-----END CERTIFICATE-----\n" },
                });
                break;
            case ("apps", "deployments"):
                workloads.SyncDeployment(type, ns, name);
                break;
            case ("apps", "statefulsets"):
                workloads.SyncStatefulSet(type, ns, name);
                break;
            case ("", "persistentvolumeclaims"):
                if (store.Get(type, ns, name).Body is not JsonObject claim || claim["status"]?["phase"]?.GetValue<string>() == "Bound") break;
                store.WriteStatus(type, ns, name, new JsonObject
                {
                    ["phase"] = "Bound", ["accessModes"] = claim["spec"]?["accessModes"]?.DeepClone(),
                    ["capacity"] = new JsonObject { ["storage"] = claim["spec"]?["resources"]?["requests"]?["storage"]?.DeepClone() },
                });
                break;
        }
    }

    private void Ensure(string ns, string resource, JsonObject item)
    {
        if (!store.Get(resource, ns, item["metadata"]!["name"]!.GetValue<string>()).IsSuccess) store.Create(resource, ns, item);
    }
}
