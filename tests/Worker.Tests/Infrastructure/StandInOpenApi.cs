using System.Text.Json.Nodes;

namespace Provisioner.Worker.Tests.Infrastructure;

/// <summary>
/// OpenAPI v3 discovery, reduced to what clients read from it: the root lists every group version, and each group
/// version's document has the PATCH operation of every kind with its GVK and the <c>fieldValidation</c> parameter.
/// kubectl's builder (and so helm) checks that parameter to leave field validation to the server instead of
/// validating against schemas itself; the stand-in accepts the parameter and validates names and labels only.
/// </summary>
public sealed class StandInOpenApi(StandInResourceTypes types)
{
    public const string Root = "/openapi/v3";

    /// <summary>Null when <paramref name="path"/> is not an OpenAPI v3 path.</summary>
    public StandInResult? Answer(string path)
    {
        if (!path.StartsWith(Root, StringComparison.Ordinal)) return null;
        var groupVersion = path[Root.Length..].Trim('/');
        var served = types.All;
        if (groupVersion.Length == 0)
        {
            var paths = new JsonObject();
            foreach (var prefix in served.Select(Prefix).Distinct())
                paths[prefix] = new JsonObject { ["serverRelativeURL"] = $"{Root}/{prefix}?hash={Hash(prefix)}" };
            return new StandInResult(200, new JsonObject { ["paths"] = paths });
        }
        var kinds = served.Where(t => Prefix(t) == groupVersion).ToList();
        if (kinds.Count == 0) return KubernetesStatus.PathNotFound();
        var operations = new JsonObject();
        foreach (var type in kinds)
        {
            var item = type.Namespaced ? $"/{groupVersion}/namespaces/{{namespace}}/{type.Plural}/{{name}}" : $"/{groupVersion}/{type.Plural}/{{name}}";
            operations[item] = new JsonObject
            {
                ["patch"] = new JsonObject
                {
                    ["operationId"] = $"patch{type.Kind}",
                    ["parameters"] = new JsonArray(
                        new JsonObject { ["name"] = "fieldManager", ["in"] = "query", ["schema"] = new JsonObject { ["type"] = "string" } },
                        new JsonObject { ["name"] = "fieldValidation", ["in"] = "query", ["schema"] = new JsonObject { ["type"] = "string" } },
                        new JsonObject { ["name"] = "force", ["in"] = "query", ["schema"] = new JsonObject { ["type"] = "boolean" } }),
                    ["responses"] = new JsonObject { ["200"] = new JsonObject { ["description"] = "OK" } },
                    ["x-kubernetes-action"] = "patch",
                    ["x-kubernetes-group-version-kind"] = new JsonObject { ["group"] = type.Group, ["version"] = type.Version, ["kind"] = type.Kind },
                },
            };
        }
        return new StandInResult(200, new JsonObject
        {
            ["openapi"] = "3.0.0", ["info"] = new JsonObject { ["title"] = "Kubernetes", ["version"] = "v1.33.0" },
            ["paths"] = operations, ["components"] = new JsonObject { ["schemas"] = new JsonObject() },
        });
    }

    private static string Prefix(StandInResourceType type) => type.Group.Length == 0 ? $"api/{type.Version}" : $"apis/{type.Group}/{type.Version}";

    private static string Hash(string text) => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)))[..16];
}
