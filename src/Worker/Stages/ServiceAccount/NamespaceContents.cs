using System.Text.Json.Nodes;
using k8s;
using Provisioner.Worker.Kubernetes;

namespace Provisioner.Worker.Stages.ServiceAccount;

/// <summary>
/// Reads everything a namespace holds, over every namespaced kind the API server serves: discovery of every group
/// version, then a list of each namespaced resource with the <c>list</c> verb (subresources skipped). Left out: Events
/// (core and events.k8s.io, written by Kubernetes and expiring on their own), what Kubernetes puts in every namespace
/// (the <c>default</c> ServiceAccount, the <c>kube-root-ca.crt</c> ConfigMap, service-account-token Secrets) and
/// objects labelled as ours for the environment. An object controlled by an object of a namespaced kind (a ReplicaSet
/// of a Deployment, a Pod of a ReplicaSet, an EndpointSlice of a Service) is judged by its owner: the owner is listed
/// itself if it is still there, and if it is gone the garbage collector is removing the dependant (as right after a
/// helm uninstall). A failed discovery or list makes the inventory unchecked, never empty.
/// </summary>
internal sealed class NamespaceContents(KubernetesCalls calls)
{
    public const string DefaultServiceAccount = "default";
    public const string RootCaConfigMap = "kube-root-ca.crt";
    public const string ServiceAccountTokenType = "kubernetes.io/service-account-token";

    private static readonly HashSet<(string Group, string Resource)> Unlisted = [("", "events"), ("events.k8s.io", "events")];

    private sealed record ServedKind(string Group, string Version, string Resource, string Kind);

    public async Task<NamespaceInventory> ReadAsync(string ns, string environment, CancellationToken ct)
    {
        List<ServedKind> kinds;
        try
        {
            kinds = await DiscoverAsync(ct);
        }
        catch (Exception ex) when (ex is KubernetesApiException or TimeoutException)
        {
            return NamespaceInventory.CannotCheck($"discovery failed: {ex.Message}");
        }
        var others = new List<NamespacedObject>();
        foreach (var kind in kinds)
        {
            JsonObject list;
            try
            {
                list = await calls.RunAsync($"list {kind.Resource} in {ns}", (c, t) => c.CustomObjects.ListNamespacedCustomObjectAsync<JsonObject>(
                    kind.Group, kind.Version, ns, kind.Resource, cancellationToken: t), ct);
            }
            catch (KubernetesApiException ex) when (ex.Kind == KubernetesErrorKind.NotFound)
            {
                continue; // the kind went away since discovery (a CRD removed): nothing of it is left here
            }
            catch (Exception ex) when (ex is KubernetesApiException or TimeoutException)
            {
                return NamespaceInventory.CannotCheck($"listing {kind.Resource}{(kind.Group.Length == 0 ? "" : "." + kind.Group)} failed: {ex.Message}");
            }
            others.AddRange((list["items"] as JsonArray ?? []).OfType<JsonObject>().Where(item => !IsKubernetesOwn(kind, item))
                .Select(item => Read(kind, item)).Where(o => !KubernetesLabels.IsOwnedBy(o.Labels.ToDictionary(), environment)));
        }
        var namespacedKinds = kinds.Select(k => (k.Group, k.Kind)).ToHashSet();
        return new NamespaceInventory(others.Where(o => o.Controller is not { } owner || !namespacedKinds.Contains(owner)).ToList(), null);
    }

    private async Task<List<ServedKind>> DiscoverAsync(CancellationToken ct)
    {
        var core = await calls.RunAsync("discover v1", (c, t) => c.CoreV1.GetAPIResourcesAsync(t), ct);
        var kinds = Listable("", "v1", core.Resources).ToList();
        var groups = await calls.RunAsync("discover API groups", (c, t) => c.Apis.GetAPIVersionsAsync(t), ct);
        foreach (var group in groups.Groups)
            foreach (var version in group.Versions.OrderBy(v => v.Version == group.PreferredVersion?.Version ? 0 : 1))
            {
                var resources = await calls.RunAsync($"discover {version.GroupVersion}",
                    (c, t) => c.CustomObjects.GetAPIResourcesAsync(group.Name, version.Version, t), ct);
                kinds.AddRange(Listable(group.Name, version.Version, resources.Resources)
                    .Where(k => !kinds.Any(seen => seen.Group == k.Group && seen.Resource == k.Resource)));
            }
        return kinds;
    }

    private static IEnumerable<ServedKind> Listable(string group, string version, IEnumerable<k8s.Models.V1APIResource>? resources) =>
        (resources ?? []).Where(r => r.Namespaced && !r.Name.Contains('/', StringComparison.Ordinal) && r.Verbs.Contains("list")
                && !Unlisted.Contains((group, r.Name)))
            .Select(r => new ServedKind(group, version, r.Name, r.Kind));

    private static NamespacedObject Read(ServedKind kind, JsonObject item)
    {
        var metadata = item["metadata"] as JsonObject;
        var labels = (metadata?["labels"] as JsonObject ?? []).ToDictionary(l => l.Key, l => l.Value?.GetValue<string>() ?? "", StringComparer.Ordinal);
        var controller = (metadata?["ownerReferences"] as JsonArray ?? []).OfType<JsonObject>()
            .FirstOrDefault(o => o["controller"] is JsonValue flag && flag.TryGetValue<bool>(out var isController) && isController);
        var apiVersion = controller?["apiVersion"]?.GetValue<string>() ?? "";
        var owner = controller is null ? ((string, string)?)null
            : (apiVersion.Contains('/', StringComparison.Ordinal) ? apiVersion[..apiVersion.IndexOf('/', StringComparison.Ordinal)] : "", controller["kind"]?.GetValue<string>() ?? "");
        return new NamespacedObject(kind.Group, kind.Version, kind.Resource, kind.Kind, metadata?["name"]?.GetValue<string>() ?? "", labels, owner);
    }

    private static bool IsKubernetesOwn(ServedKind kind, JsonObject item) => kind.Group.Length == 0 && (kind.Resource, item["metadata"]?["name"]?.GetValue<string>()) switch
    {
        ("serviceaccounts", DefaultServiceAccount) or ("configmaps", RootCaConfigMap) => true,
        ("secrets", _) => item["type"]?.GetValue<string>() == ServiceAccountTokenType,
        _ => false,
    };
}
