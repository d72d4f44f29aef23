namespace Provisioner.Worker.Tests.Infrastructure;

/// <summary>
/// The kinds the stand-in serves: a kube-apiserver's core and apps kinds that the worker and helm touch, both event
/// kinds, and any custom kind a test adds (as a CRD would). Discovery, routing and storage all read this one list.
/// </summary>
public sealed class StandInResourceTypes
{
    private static readonly Dictionary<string, string[]> StatusOnly = new() { ["status"] = ["get", "patch", "update"] };

    private readonly List<StandInResourceType> types =
    [
        new("", "v1", "namespaces", "Namespace", Namespaced: false, HasStatus: true)
        {
            Verbs = ["create", "delete", "get", "list", "patch", "update", "watch"], Subresources = StatusOnly,
        },
        new("", "v1", "serviceaccounts", "ServiceAccount", Namespaced: true) { Subresources = new Dictionary<string, string[]> { ["token"] = ["create"] } },
        new("", "v1", "secrets", "Secret", Namespaced: true),
        new("", "v1", "configmaps", "ConfigMap", Namespaced: true),
        new("", "v1", "pods", "Pod", Namespaced: true, HasStatus: true) { Subresources = new Dictionary<string, string[]> { ["status"] = ["get", "patch", "update"], ["log"] = ["get"] } },
        new("", "v1", "services", "Service", Namespaced: true, HasStatus: true) { Subresources = StatusOnly },
        new("", "v1", "persistentvolumeclaims", "PersistentVolumeClaim", Namespaced: true, HasStatus: true) { Subresources = StatusOnly },
        new("", "v1", "events", "Event", Namespaced: true),
        new("apps", "v1", "deployments", "Deployment", Namespaced: true, HasStatus: true) { Subresources = Workload },
        new("apps", "v1", "statefulsets", "StatefulSet", Namespaced: true, HasStatus: true) { Subresources = Workload },
        new("apps", "v1", "replicasets", "ReplicaSet", Namespaced: true, HasStatus: true) { Subresources = Workload },
        new("events.k8s.io", "v1", "events", "Event", Namespaced: true),
    ];

    private static Dictionary<string, string[]> Workload => new() { ["status"] = ["get", "patch", "update"], ["scale"] = ["get", "patch", "update"] };

    public IReadOnlyList<StandInResourceType> All
    {
        get
        {
            lock (types) return [.. types];
        }
    }

    /// <summary>Serves one more kind, as installing a CustomResourceDefinition does.</summary>
    public StandInResourceType Add(StandInResourceType type)
    {
        lock (types)
        {
            types.RemoveAll(t => t.Group == type.Group && t.Version == type.Version && t.Plural == type.Plural);
            types.Add(type);
        }
        return type;
    }

    public StandInResourceType? Find(string group, string version, string plural) =>
        All.FirstOrDefault(t => t.Group == group && t.Version == version && t.Plural == plural);

    /// <summary><c>deployments</c>, <c>deployments.apps</c> or <c>events.events.k8s.io</c>; a bare plural means the core group first.</summary>
    public StandInResourceType Resolve(string resource)
    {
        var all = All;
        return all.FirstOrDefault(t => t.Key == resource)
            ?? all.FirstOrDefault(t => t.Plural == resource)
            ?? throw new ArgumentException($"the stand-in serves no resource '{resource}'", nameof(resource));
    }
}
