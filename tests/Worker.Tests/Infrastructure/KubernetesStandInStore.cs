using System.Text.Json.Nodes;

namespace Provisioner.Worker.Tests.Infrastructure;

/// <summary>
/// The stand-in's objects with the API server's semantics: validation (422), AlreadyExists, resourceVersion
/// preconditions (409 Conflict), 404 for a namespaced object in a missing namespace, namespace deletion cascading.
/// </summary>
public sealed class KubernetesStandInStore
{
    public static readonly IReadOnlyDictionary<string, string> Kinds = new Dictionary<string, string>
    {
        ["namespaces"] = "Namespace", ["serviceaccounts"] = "ServiceAccount", ["secrets"] = "Secret", ["pods"] = "Pod",
        ["deployments"] = "Deployment", ["statefulsets"] = "StatefulSet",
    };

    public static string ApiVersionOf(string resource) => resource is "deployments" or "statefulsets" ? "apps/v1" : "v1";

    private readonly Dictionary<(string Resource, string Namespace, string Name), JsonObject> objects = [];
    private readonly Lock gate = new();
    private long resourceVersion = 1000;

    public StandInResult Get(string resource, string ns, string name)
    {
        lock (gate)
            return objects.TryGetValue((resource, ns, name), out var found)
                ? new StandInResult(200, found.DeepClone())
                : KubernetesStatus.NotFound(resource, name);
    }

    /// <param name="labelSelector">Equality terms only (<c>a=b,c=d</c>), which is all the worker sends.</param>
    public StandInResult List(string resource, string ns, string? labelSelector = null)
    {
        var terms = (labelSelector ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(t => t.Split('=', 2)).ToList();
        if (terms.Any(t => t.Length != 2)) return KubernetesStatus.BadRequest($"unable to parse requirement: {labelSelector}");
        lock (gate)
        {
            var items = objects.Where(o => o.Key.Resource == resource && o.Key.Namespace == ns)
                .Where(o => terms.All(t => o.Value["metadata"]?["labels"]?[t[0]]?.GetValue<string>() == t[1]))
                .OrderBy(o => o.Key.Name, StringComparer.Ordinal).Select(o => (JsonNode)o.Value.DeepClone()).ToArray();
            return new StandInResult(200, new JsonObject
            {
                ["kind"] = Kinds[resource] + "List", ["apiVersion"] = ApiVersionOf(resource),
                ["metadata"] = new JsonObject { ["resourceVersion"] = resourceVersion.ToString() }, ["items"] = new JsonArray(items),
            });
        }
    }

    public StandInResult Create(string resource, string ns, JsonObject body)
    {
        lock (gate)
        {
            var name = body["metadata"]?["name"]?.GetValue<string>() ?? "";
            if (body["metadata"]?["namespace"]?.GetValue<string>() is { } claimed && claimed != ns)
                return KubernetesStatus.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
            if (Invalid(resource, name, body) is { } invalid) return invalid;
            if (ns.Length > 0 && !objects.ContainsKey(("namespaces", "", ns))) return KubernetesStatus.NotFound("namespaces", ns);
            if (objects.ContainsKey((resource, ns, name))) return KubernetesStatus.AlreadyExists(resource, name);
            var created = Stamp(resource, ns, (JsonObject)body.DeepClone());
            var metadata = (JsonObject)created["metadata"]!;
            metadata["uid"] = Guid.NewGuid().ToString();
            metadata["creationTimestamp"] = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ");
            if (resource == "namespaces")
            {
                created["spec"] = new JsonObject { ["finalizers"] = new JsonArray("kubernetes") };
                created["status"] = new JsonObject { ["phase"] = "Active" };
            }
            objects[(resource, ns, name)] = created;
            // The ServiceAccount controller gives every new namespace its "default" account.
            if (resource == "namespaces")
                Create("serviceaccounts", name, new JsonObject { ["metadata"] = new JsonObject { ["name"] = "default" } });
            return new StandInResult(201, created.DeepClone());
        }
    }

    public StandInResult Replace(string resource, string ns, string name, JsonObject body) => Change(resource, ns, name, body, _ => body);

    public StandInResult Patch(string resource, string ns, string name, JsonObject patch) =>
        Change(resource, ns, name, patch, current => (JsonObject)JsonMergePatch.Apply(current, patch)!);

    public StandInResult Delete(string resource, string ns, string name)
    {
        lock (gate)
        {
            if (!objects.Remove((resource, ns, name), out var removed)) return KubernetesStatus.NotFound(resource, name);
            if (resource == "namespaces")
            {
                foreach (var key in objects.Keys.Where(k => k.Namespace == name).ToList()) objects.Remove(key);
                removed["status"] = new JsonObject { ["phase"] = "Terminating" };
                removed["metadata"]!["deletionTimestamp"] = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ");
            }
            return new StandInResult(200, removed);
        }
    }

    /// <summary>Replace and patch: the object must exist, a resourceVersion in the request is a precondition.</summary>
    private StandInResult Change(string resource, string ns, string name, JsonObject request, Func<JsonObject, JsonObject> next)
    {
        lock (gate)
        {
            if (!objects.TryGetValue((resource, ns, name), out var current)) return KubernetesStatus.NotFound(resource, name);
            var precondition = request["metadata"]?["resourceVersion"]?.GetValue<string>();
            if (!string.IsNullOrEmpty(precondition) && precondition != current["metadata"]!["resourceVersion"]!.GetValue<string>())
                return KubernetesStatus.Conflict(resource, name);
            var changed = (JsonObject)next((JsonObject)current.DeepClone()).DeepClone();
            if (changed["metadata"]?["name"]?.GetValue<string>() is { } renamed && renamed != name)
                return KubernetesStatus.BadRequest($"the name of the object ({renamed}) does not match the name on the URL ({name})");
            if (Invalid(resource, name, changed) is { } invalid) return invalid;
            changed["metadata"] ??= new JsonObject();
            foreach (var kept in new[] { "uid", "creationTimestamp" }) changed["metadata"]![kept] = current["metadata"]![kept]?.DeepClone();
            changed["metadata"]!["resourceVersion"] = current["metadata"]!["resourceVersion"]!.DeepClone();
            if (JsonNode.DeepEquals(changed, current)) return new StandInResult(200, current.DeepClone());
            objects[(resource, ns, name)] = Stamp(resource, ns, changed);
            return new StandInResult(200, changed.DeepClone());
        }
    }

    private JsonObject Stamp(string resource, string ns, JsonObject item)
    {
        item["kind"] = Kinds[resource];
        item["apiVersion"] = ApiVersionOf(resource);
        var metadata = item["metadata"] as JsonObject ?? new JsonObject();
        item["metadata"] = metadata;
        if (ns.Length > 0) metadata["namespace"] = ns;
        metadata["resourceVersion"] = (++resourceVersion).ToString();
        return item;
    }

    private static StandInResult? Invalid(string resource, string name, JsonObject body)
    {
        var causes = new List<(string Field, string Message)>();
        var nameProblem = name.Length == 0 ? "name or generateName is required"
            : resource == "namespaces" ? KubernetesNames.Dns1123Label(name) : KubernetesNames.Dns1123Subdomain(name);
        if (nameProblem is not null) causes.Add(("metadata.name", name.Length == 0 ? "Required value: " + nameProblem : $"Invalid value: \"{name}\": {nameProblem}"));
        foreach (var (key, value) in body["metadata"]?["labels"] as JsonObject ?? [])
        {
            var text = value?.GetValue<string>() ?? "";
            if (KubernetesNames.LabelKey(key) is { } keyProblem) causes.Add(("metadata.labels", $"Invalid value: \"{key}\": {keyProblem}"));
            if (KubernetesNames.LabelValue(text) is { } valueProblem) causes.Add(("metadata.labels", $"Invalid value: \"{text}\": {valueProblem}"));
        }
        foreach (var (key, _) in body["metadata"]?["annotations"] as JsonObject ?? [])
            if (KubernetesNames.LabelKey(key) is { } keyProblem) causes.Add(("metadata.annotations", $"Invalid value: \"{key}\": {keyProblem}"));
        return causes.Count == 0 ? null : KubernetesStatus.Invalid(Kinds[resource], resource, name, causes);
    }
}
