using System.Text.Json.Nodes;

namespace Provisioner.Worker.Tests.Infrastructure;

/// <summary>
/// Kubernetes' strategic merge patch for the built-in kinds, as helm 3 and kubectl send it: lists with a merge key
/// (containers by name, volumeMounts by mountPath, ...) merge item by item, <c>$patch: delete|replace</c>,
/// <c>$setElementOrder/…</c>, <c>$deleteFromPrimitiveList/…</c> and <c>$retainKeys</c> directives; null deletes.
/// </summary>
public static class StrategicMergePatch
{
    private const string Directive = "$patch";
    private const string ElementOrder = "$setElementOrder/";
    private const string DeleteFromPrimitiveList = "$deleteFromPrimitiveList/";
    private const string RetainKeys = "$retainKeys";

    /// <summary>The merge keys of apimachinery's Go types (patchMergeKey tags) for the lists these kinds carry.</summary>
    private static readonly Dictionary<string, string[]> MergeKeys = new(StringComparer.Ordinal)
    {
        ["containers"] = ["name"], ["initContainers"] = ["name"], ["ephemeralContainers"] = ["name"], ["env"] = ["name"],
        ["volumes"] = ["name"], ["volumeMounts"] = ["mountPath"], ["volumeDevices"] = ["devicePath"], ["imagePullSecrets"] = ["name"],
        ["ports"] = ["containerPort", "port"], ["ownerReferences"] = ["uid"], ["conditions"] = ["type"], ["hostAliases"] = ["ip"],
        ["topologySpreadConstraints"] = ["topologyKey"], ["secrets"] = ["name"], ["resourceClaims"] = ["name"],
    };

    /// <summary>Primitive lists whose strategy is merge (a set), not replace.</summary>
    private static readonly HashSet<string> MergedPrimitiveLists = ["finalizers"];

    public static JsonNode? Apply(JsonNode? target, JsonNode? patch) => Merge(target, patch);

    private static JsonNode? Merge(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject) return patch?.DeepClone();
        var directive = patchObject[Directive]?.GetValue<string>();
        if (directive == "delete") return null;
        if (directive == "replace") return WithoutDirectives(patchObject);
        var result = target is JsonObject existing ? (JsonObject)existing.DeepClone() : new JsonObject();
        foreach (var (key, value) in patchObject)
        {
            if (key == Directive || key == RetainKeys || key.StartsWith(ElementOrder, StringComparison.Ordinal)) continue;
            if (key.StartsWith(DeleteFromPrimitiveList, StringComparison.Ordinal))
            {
                var field = key[DeleteFromPrimitiveList.Length..];
                if (result[field] is JsonArray list && value is JsonArray gone)
                    result[field] = new JsonArray(list.Where(i => !gone.Any(g => JsonNode.DeepEquals(g, i))).Select(i => i?.DeepClone()).ToArray());
                continue;
            }
            if (value is null)
            {
                result.Remove(key);
                continue;
            }
            var merged = value is JsonArray items ? MergeList(key, result[key] as JsonArray, items) : Merge(result[key], value);
            if (merged is null) result.Remove(key);
            else result[key] = merged;
        }
        foreach (var (key, value) in patchObject)
            if (key.StartsWith(ElementOrder, StringComparison.Ordinal) && result[key[ElementOrder.Length..]] is JsonArray list && value is JsonArray order)
                result[key[ElementOrder.Length..]] = Ordered(key[ElementOrder.Length..], list, order);
        if (patchObject[RetainKeys] is JsonArray retained)
        {
            var keep = retained.Select(k => k!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
            foreach (var key in result.Select(p => p.Key).Where(k => !keep.Contains(k)).ToList()) result.Remove(key);
        }
        return result;
    }

    private static JsonArray MergeList(string field, JsonArray? current, JsonArray patch)
    {
        if (patch.Any(i => i is JsonObject o && o[Directive]?.GetValue<string>() == "replace"))
            return new JsonArray(patch.Where(i => !(i is JsonObject o && o[Directive] is not null)).Select(i => i?.DeepClone()).ToArray());
        if (current is null) return new JsonArray(patch.Where(i => !(i is JsonObject o && o[Directive] is not null)).Select(i => WithoutDirectives(i)).ToArray());
        if (MergedPrimitiveLists.Contains(field))
            return new JsonArray([.. current.Select(i => i?.DeepClone()), .. patch.Where(p => !current.Any(c => JsonNode.DeepEquals(c, p))).Select(p => p?.DeepClone())]);
        if (KeyOf(field, patch) is not { } key) return (JsonArray)patch.DeepClone();
        var result = current.Select(i => i?.DeepClone()).ToList();
        foreach (var item in patch.OfType<JsonObject>())
        {
            var at = result.FindIndex(r => r is JsonObject o && JsonNode.DeepEquals(o[key], item[key]));
            if (item[Directive]?.GetValue<string>() == "delete")
            {
                if (at >= 0) result.RemoveAt(at);
            }
            else if (at >= 0) result[at] = Merge(result[at], item);
            else result.Add(WithoutDirectives(item));
        }
        return new JsonArray([.. result]);
    }

    /// <summary><c>$setElementOrder</c>: the listed items first, in that order, then whatever else the server had.</summary>
    private static JsonArray Ordered(string field, JsonArray list, JsonArray order)
    {
        var items = list.Select(i => i?.DeepClone()).ToList();
        var key = KeyOf(field, order);
        var sorted = new List<JsonNode?>();
        foreach (var wanted in order)
        {
            var at = items.FindIndex(i => key is null ? JsonNode.DeepEquals(i, wanted) : i is JsonObject o && JsonNode.DeepEquals(o[key], wanted?[key]));
            if (at < 0) continue;
            sorted.Add(items[at]);
            items.RemoveAt(at);
        }
        return new JsonArray([.. sorted, .. items]);
    }

    private static string? KeyOf(string field, JsonArray sample) =>
        MergeKeys.TryGetValue(field, out var keys) ? keys.FirstOrDefault(k => sample.OfType<JsonObject>().Any(o => o.ContainsKey(k))) ?? keys[0] : null;

    private static JsonNode? WithoutDirectives(JsonNode? node)
    {
        if (node is JsonArray array) return new JsonArray(array.Select(WithoutDirectives).ToArray());
        if (node is not JsonObject obj) return node?.DeepClone();
        var clean = new JsonObject();
        foreach (var (key, value) in obj)
            if (key != Directive && key != RetainKeys && !key.StartsWith('$')) clean[key] = WithoutDirectives(value);
        return clean;
    }
}
