using System.Text.Json.Nodes;

namespace Provisioner.Worker.Tests.Infrastructure;

/// <summary>
/// The stand-in's objects with the API server's semantics for every kind it serves: validation (422), AlreadyExists,
/// resourceVersion preconditions (409 Conflict), 404 for a namespaced object in a missing namespace, generation, status
/// kept apart from spec, garbage collection of dependants and namespace contents, and a watch event for every change.
/// <paramref name="types"/> are the kinds served; <see cref="Controllers"/> play the cluster's controllers.
/// </summary>
public sealed class KubernetesStandInStore
{
    public const string MergePatch = "merge";
    public const string StrategicPatch = "strategic";
    public const string ApplyPatch = "apply";

    private readonly Dictionary<(string Type, string Namespace, string Name), JsonObject> objects = [];
    private readonly Dictionary<(string Type, string Namespace, string Name, string Manager), JsonObject> applied = [];
    private readonly Lock gate = new();
    private long resourceVersion = 1000;

    public KubernetesStandInStore(StandInResourceTypes? types = null)
    {
        Types = types ?? new StandInResourceTypes();
        Controllers = new StandInControllers(this);
    }

    public StandInResourceTypes Types { get; }

    public StandInWatches Watches { get; } = new();

    public StandInControllers Controllers { get; }

    public string CurrentResourceVersion
    {
        get
        {
            lock (gate) return resourceVersion.ToString();
        }
    }

    public StandInResult Get(string resource, string ns, string name) => Get(Types.Resolve(resource), ns, name);

    public StandInResult Get(StandInResourceType type, string ns, string name)
    {
        lock (gate)
            return objects.TryGetValue((type.Key, ns, name), out var found) ? new StandInResult(200, found.DeepClone()) : KubernetesStatus.NotFound(type.Plural, name);
    }

    public StandInResult List(string resource, string ns, string? labelSelector = null) => List(Types.Resolve(resource), ns, labelSelector, null);

    /// <param name="ns">Empty for a cluster-scoped kind, or for every namespace.</param>
    public StandInResult List(StandInResourceType type, string ns, string? labelSelector, string? fieldSelector)
    {
        if (StandInSelector.Parse(labelSelector, out var problem) is not { } labels) return KubernetesStatus.BadRequest(problem!);
        if (StandInSelector.Parse(fieldSelector, out problem) is not { } fields) return KubernetesStatus.BadRequest(problem!);
        lock (gate)
        {
            var items = Items(type, ns).Where(o => labels.MatchesLabels(o) && fields.MatchesFields(o)).Select(o => (JsonNode)o.DeepClone()).ToArray();
            return new StandInResult(200, new JsonObject
            {
                ["kind"] = type.Kind + "List", ["apiVersion"] = type.ApiVersion,
                ["metadata"] = new JsonObject { ["resourceVersion"] = resourceVersion.ToString() }, ["items"] = new JsonArray(items),
            });
        }
    }

    /// <summary>The current objects of a kind (in one namespace, or all), oldest name first; for controllers and watches.</summary>
    public IReadOnlyList<JsonObject> Items(StandInResourceType type, string ns)
    {
        lock (gate)
            return objects.Where(o => o.Key.Type == type.Key && (ns.Length == 0 || o.Key.Namespace == ns))
                .OrderBy(o => o.Key.Namespace, StringComparer.Ordinal).ThenBy(o => o.Key.Name, StringComparer.Ordinal)
                .Select(o => (JsonObject)o.Value.DeepClone()).ToList();
    }

    public StandInResult Create(string resource, string ns, JsonObject body) => Create(Types.Resolve(resource), ns, body);

    public StandInResult Create(StandInResourceType type, string ns, JsonObject body)
    {
        lock (gate)
        {
            var name = body["metadata"]?["name"]?.GetValue<string>() ?? "";
            if (body["metadata"]?["namespace"]?.GetValue<string>() is { Length: > 0 } claimed && claimed != ns && type.Namespaced)
                return KubernetesStatus.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
            if (StandInObjectRules.Invalid(type, name, body) is { } invalid) return invalid;
            if (type.Namespaced && !objects.ContainsKey(("namespaces", "", ns))) return KubernetesStatus.NotFound("namespaces", ns);
            if (objects.ContainsKey((type.Key, ns, name))) return KubernetesStatus.AlreadyExists(type.Plural, name);
            var created = StandInObjectRules.Created(type, type.Namespaced ? ns : "", (JsonObject)body.DeepClone(), Next());
            objects[(type.Key, ns, name)] = created;
            Watches.Publish(type, "ADDED", created);
            Controllers.Changed(type, ns, name);
            return new StandInResult(201, created.DeepClone());
        }
    }

    public StandInResult Replace(string resource, string ns, string name, JsonObject body) => Replace(Types.Resolve(resource), ns, name, body);

    public StandInResult Replace(StandInResourceType type, string ns, string name, JsonObject body) => Change(type, ns, name, body, _ => body);

    public StandInResult Patch(string resource, string ns, string name, JsonObject patch) => Patch(Types.Resolve(resource), ns, name, patch, MergePatch, null);

    /// <param name="patchType"><see cref="MergePatch"/>, <see cref="StrategicPatch"/> or <see cref="ApplyPatch"/> (which creates a missing object).</param>
    public StandInResult Patch(StandInResourceType type, string ns, string name, JsonObject patch, string patchType, string? fieldManager)
    {
        if (patchType != ApplyPatch)
            return Change(type, ns, name, patch, current => (JsonObject)(patchType == StrategicPatch ? StrategicMergePatch.Apply(current, patch) : JsonMergePatch.Apply(current, patch))!);
        if (string.IsNullOrEmpty(fieldManager)) return KubernetesStatus.BadRequest("PATCH, application/apply-patch+yaml requires fieldManager to be set");
        lock (gate)
        {
            var key = (type.Key, ns, name, fieldManager);
            applied.TryGetValue(key, out var before);
            var result = objects.ContainsKey((type.Key, ns, name))
                ? Change(type, ns, name, patch, current => ServerSideApply.Apply(current, patch, before))
                : Create(type, ns, ServerSideApply.Apply(null, patch, null));
            if (!result.IsSuccess) return result;
            applied[key] = (JsonObject)patch.DeepClone();
            var stored = objects[(type.Key, ns, name)];
            stored["metadata"]!["managedFields"] = new JsonArray(ServerSideApply.ManagedFieldsEntry(fieldManager, type.ApiVersion, patch));
            return new StandInResult(result.StatusCode, stored.DeepClone());
        }
    }

    /// <summary>
    /// Opens a watch atomically with the store's state: from <paramref name="since"/> (a list's resourceVersion) the
    /// kept events after it; otherwise (unset or "0") the current objects as ADDED first, as kube-apiserver does.
    /// </summary>
    public (StandInWatches.Subscription Subscription, string ResourceVersion) Watch(StandInResourceType type, string ns,
        StandInSelector labels, StandInSelector fields, string? since, bool sendInitialEvents)
    {
        lock (gate)
        {
            var replayFrom = long.TryParse(since, out var rv) && rv > 0 && !sendInitialEvents ? rv : (long?)null;
            var subscription = Watches.Open(type, ns, labels, fields, replayFrom);
            if (replayFrom is null)
                foreach (var item in Items(type, ns).Where(subscription.Matches))
                    subscription.Events.Writer.TryWrite(StandInWatches.Event("ADDED", item));
            return (subscription, resourceVersion.ToString());
        }
    }

    /// <summary>A write of the status subresource (what controllers do): only <c>status</c> changes.</summary>
    public StandInResult WriteStatus(StandInResourceType type, string ns, string name, JsonNode? status)
    {
        lock (gate)
        {
            if (!objects.TryGetValue((type.Key, ns, name), out var current)) return KubernetesStatus.NotFound(type.Plural, name);
            if (JsonNode.DeepEquals(current["status"], status)) return new StandInResult(200, current.DeepClone());
            var changed = (JsonObject)current.DeepClone();
            changed["status"] = status?.DeepClone();
            changed["metadata"]!["resourceVersion"] = Next();
            objects[(type.Key, ns, name)] = changed;
            Watches.Publish(type, "MODIFIED", changed);
            return new StandInResult(200, changed.DeepClone());
        }
    }

    public StandInResult Delete(string resource, string ns, string name) => Delete(Types.Resolve(resource), ns, name);

    public StandInResult Delete(StandInResourceType type, string ns, string name)
    {
        lock (gate)
        {
            if (!objects.Remove((type.Key, ns, name), out var removed)) return KubernetesStatus.NotFound(type.Plural, name);
            foreach (var key in applied.Keys.Where(k => (k.Type, k.Namespace, k.Name) == (type.Key, ns, name)).ToList()) applied.Remove(key);
            Watches.Publish(type, "DELETED", removed);
            var uid = removed["metadata"]!["uid"]!.GetValue<string>();
            // The garbage collector: dependants go with their owner, a namespace's objects with the namespace.
            foreach (var dependant in objects.Where(o => (type.Plural == "namespaces" && type.Group.Length == 0 && o.Key.Namespace == name) || OwnedBy(o.Value, uid)).ToList())
                Delete(Types.Resolve(dependant.Key.Type), dependant.Key.Namespace, dependant.Key.Name);
            // As kube-apiserver's registries: these kinds answer with the deleted object, the others with a Status.
            if (type.Key is "pods" or "persistentvolumeclaims" or "serviceaccounts" or "services") return new StandInResult(200, removed);
            if (type.Key != "namespaces") return new StandInResult(200, KubernetesStatus.Deleted(type, name, uid));
            removed["status"] = new JsonObject { ["phase"] = "Terminating" };
            removed["metadata"]!["deletionTimestamp"] = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ");
            return new StandInResult(200, removed);
        }
    }

    /// <summary>Replace and patch: the object must exist, a resourceVersion in the request is a precondition.</summary>
    private StandInResult Change(StandInResourceType type, string ns, string name, JsonObject request, Func<JsonObject, JsonObject> next)
    {
        lock (gate)
        {
            if (!objects.TryGetValue((type.Key, ns, name), out var current)) return KubernetesStatus.NotFound(type.Plural, name);
            var precondition = request["metadata"]?["resourceVersion"]?.GetValue<string>();
            if (!string.IsNullOrEmpty(precondition) && precondition != current["metadata"]!["resourceVersion"]!.GetValue<string>())
                return KubernetesStatus.Conflict(type.Plural, name);
            var changed = (JsonObject)next((JsonObject)current.DeepClone()).DeepClone();
            if (changed["metadata"]?["name"]?.GetValue<string>() is { } renamed && renamed != name)
                return KubernetesStatus.BadRequest($"the name of the object ({renamed}) does not match the name on the URL ({name})");
            if (StandInObjectRules.Invalid(type, name, changed) is { } invalid) return invalid;
            changed = StandInObjectRules.Updated(type, current, changed);
            if (JsonNode.DeepEquals(changed, current)) return new StandInResult(200, current.DeepClone());
            changed["metadata"]!["resourceVersion"] = Next();
            objects[(type.Key, ns, name)] = changed;
            Watches.Publish(type, "MODIFIED", changed);
            Controllers.Changed(type, ns, name);
            return new StandInResult(200, changed.DeepClone());
        }
    }

    private string Next() => (++resourceVersion).ToString();

    private static bool OwnedBy(JsonObject item, string uid) =>
        item["metadata"]?["ownerReferences"] is JsonArray owners && owners.Any(o => o?["uid"]?.GetValue<string>() == uid);
}
