using System.Text.Json.Nodes;

namespace Provisioner.Worker.Tests.Infrastructure;

/// <summary>
/// Discovery as kube-apiserver serves it (the unaggregated documents): <c>/version</c>, <c>/api</c>, <c>/api/v1</c>,
/// <c>/apis</c>, <c>/apis/GROUP</c>, <c>/apis/GROUP/VERSION</c>, from the kinds served. A group version can be made
/// <see cref="Unavailable"/>, as an aggregated API whose backend is down (metrics.k8s.io) answers 503.
/// </summary>
public sealed class StandInDiscovery(StandInResourceTypes types)
{
    private readonly HashSet<string> unavailable = [];

    /// <summary>Listed in <c>/apis</c>, but its own document answers 503 ServiceUnavailable.</summary>
    public void Unavailable(string groupVersion)
    {
        lock (unavailable) unavailable.Add(groupVersion);
    }

    /// <summary>Null when <paramref name="path"/> is not a discovery path.</summary>
    public StandInResult? Answer(string path)
    {
        var parts = path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        return parts switch
        {
            ["version"] => new StandInResult(200, new JsonObject
            {
                ["major"] = "1", ["minor"] = "33", ["gitVersion"] = "v1.33.0-standin", ["gitCommit"] = "0000000000000000000000000000000000000000",
                ["gitTreeState"] = "clean", ["buildDate"] = "2026-01-01T00:00:00Z", ["goVersion"] = "go1.24.0", ["compiler"] = "gc", ["platform"] = "linux/amd64",
            }),
            ["api"] => new StandInResult(200, new JsonObject
            {
                ["kind"] = "APIVersions", ["versions"] = new JsonArray("v1"),
                ["serverAddressByClientCIDRs"] = new JsonArray(new JsonObject { ["clientCIDR"] = "0.0.0.0/0", ["serverAddress"] = "127.0.0.1:6443" }),
            }),
            ["api", var version] => ResourceList("", version),
            ["apis"] => new StandInResult(200, new JsonObject
            {
                ["kind"] = "APIGroupList", ["apiVersion"] = "v1",
                ["groups"] = new JsonArray(Groups().Select(g => (JsonNode)Group(g)).ToArray()),
            }),
            ["apis", var group] => Groups().Contains(group) ? new StandInResult(200, Group(group)) : KubernetesStatus.PathNotFound(),
            ["apis", var group, var version] => ResourceList(group, version),
            _ => null,
        };
    }

    private List<string> Groups() => types.All.Where(t => t.Group.Length > 0).Select(t => t.Group).Distinct().ToList();

    private JsonObject Group(string group)
    {
        var versions = types.All.Where(t => t.Group == group).Select(t => t.Version).Distinct()
            .Select(v => (JsonNode)new JsonObject { ["groupVersion"] = $"{group}/{v}", ["version"] = v }).ToArray();
        return new JsonObject
        {
            ["kind"] = "APIGroup", ["apiVersion"] = "v1", ["name"] = group, ["versions"] = new JsonArray(versions),
            ["preferredVersion"] = versions[0]!.DeepClone(),
        };
    }

    private StandInResult ResourceList(string group, string version)
    {
        var groupVersion = group.Length == 0 ? version : $"{group}/{version}";
        var served = types.All.Where(t => t.Group == group && t.Version == version).ToList();
        if (served.Count == 0) return KubernetesStatus.PathNotFound();
        lock (unavailable)
            if (unavailable.Contains(groupVersion)) return KubernetesStatus.ServiceUnavailable("the server is currently unable to handle the request");
        var resources = new JsonArray();
        foreach (var type in served)
        {
            resources.Add(new JsonObject
            {
                ["name"] = type.Plural, ["singularName"] = type.Singular, ["namespaced"] = type.Namespaced, ["kind"] = type.Kind,
                ["verbs"] = new JsonArray(type.Verbs.Select(v => (JsonNode)v).ToArray()),
                ["storageVersionHash"] = Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(type.Key)))[..11],
            });
            foreach (var (sub, verbs) in type.Subresources)
                resources.Add(new JsonObject
                {
                    ["name"] = $"{type.Plural}/{sub}", ["singularName"] = "", ["namespaced"] = type.Namespaced,
                    ["kind"] = sub switch { "token" => "TokenRequest", "scale" => "Scale", _ => type.Kind },
                    ["verbs"] = new JsonArray(verbs.Select(v => (JsonNode)v).ToArray()),
                });
        }
        return new StandInResult(200, new JsonObject
        {
            ["kind"] = "APIResourceList", ["apiVersion"] = "v1", ["groupVersion"] = groupVersion, ["resources"] = resources,
        });
    }
}
