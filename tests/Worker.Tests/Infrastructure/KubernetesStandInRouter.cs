using System.Text.Json;
using System.Text.Json.Nodes;

namespace Provisioner.Worker.Tests.Infrastructure;

/// <summary>
/// Maps REST calls onto the store: discovery, the OIDC discovery document, every served kind's collection, items and
/// status subresource, and TokenRequest. Each method is checked against the verbs discovery lists for the kind.
/// </summary>
public sealed class KubernetesStandInRouter(KubernetesStandInStore store, StandInTokenIssuer tokens, StandInDiscovery discovery, Func<string?> issuer)
{
    private readonly StandInOpenApi openApi = new(store.Types);

    public const string OidcDiscovery = "/.well-known/openid-configuration";

    public StandInResult Route(string method, string path, string? contentType, JsonNode? body, Func<string, string?> query)
    {
        if (path == OidcDiscovery) return method == "GET" ? OidcDocument() : KubernetesStatus.MethodNotAllowed();
        if ((discovery.Answer(path) ?? openApi.Answer(path)) is { } document) return method == "GET" ? document : KubernetesStatus.MethodNotAllowed();
        if (StandInPath.Parse(store.Types, path) is not { } target) return KubernetesStatus.PathNotFound();
        if (target.Subresource is { } sub) return Subresource(method, target, sub, body);
        var verb = (method, target.IsCollection) switch
        {
            ("GET", true) => "list",
            ("GET", false) => "get",
            ("POST", true) => "create",
            ("PUT", false) => "update",
            ("PATCH", false) => "patch",
            ("DELETE", false) => "delete",
            _ => null,
        };
        if (verb is null || !target.Type.Verbs.Contains(verb)) return KubernetesStatus.MethodNotAllowed();
        if (target.Type.Namespaced && target.Namespace.Length == 0 && verb != "list") return KubernetesStatus.PathNotFound();
        var (type, ns, name) = (target.Type, target.Namespace, target.Name!);
        if (verb is "list" or "get" or "delete")
            return verb == "list" ? store.List(type, ns, query("labelSelector"), query("fieldSelector"))
                : verb == "get" ? store.Get(type, ns, name) : store.Delete(type, ns, name);
        var patchType = verb == "patch" ? PatchType(type, contentType) : null;
        if (verb == "patch" && patchType is null) return KubernetesStatus.UnsupportedMediaType(contentType ?? "none");
        // Protobuf is not spoken here; client-go answers a 415 by sending JSON from then on, as it does for CRDs.
        if (verb is "create" or "update" && contentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) != true)
            return KubernetesStatus.UnsupportedMediaType(contentType ?? "none", "application/json, application/yaml");
        if (body is not JsonObject item) return KubernetesStatus.BadRequest("the body of the request is not a JSON object");
        return verb switch
        {
            "create" => store.Create(type, ns, item),
            "update" => store.Replace(type, ns, name, item),
            _ => store.Patch(type, ns, name, item, patchType!, query("fieldManager")),
        };
    }

    public static JsonNode? ParseBody(string text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Null for a patch format the stand-in does not speak (JSON patch), or strategic merge on a custom kind.</summary>
    private static string? PatchType(StandInResourceType type, string? contentType) =>
        contentType?.Split(';')[0].Trim().ToLowerInvariant() switch
        {
            "application/merge-patch+json" => KubernetesStandInStore.MergePatch,
            "application/strategic-merge-patch+json" when !type.Custom => KubernetesStandInStore.StrategicPatch,
            "application/apply-patch+yaml" => KubernetesStandInStore.ApplyPatch,
            _ => null,
        };

    private StandInResult Subresource(string method, StandInPath target, string sub, JsonNode? body)
    {
        if (!target.Type.Subresources.TryGetValue(sub, out _) || target.Name is null) return KubernetesStatus.PathNotFound();
        var (type, ns, name) = (target.Type, target.Namespace, target.Name);
        return (sub, method) switch
        {
            ("token", "POST") => tokens.Issue(ns, name, body as JsonObject ?? []),
            ("status", "GET") => store.Get(type, ns, name),
            ("status", "PUT") when body is JsonObject item => store.WriteStatus(type, ns, name, item["status"]),
            ("status", "PATCH") when body is JsonObject patch && store.Get(type, ns, name) is { IsSuccess: true, Body: JsonObject current } =>
                store.WriteStatus(type, ns, name, JsonMergePatch.Apply(current, patch)!["status"]),
            _ => KubernetesStatus.MethodNotAllowed(),
        };
    }

    private StandInResult OidcDocument()
    {
        if (issuer() is not { } iss) return KubernetesStatus.PathNotFound();
        return new StandInResult(200, new JsonObject
        {
            ["issuer"] = iss, ["jwks_uri"] = $"{iss.TrimEnd('/')}/openid/v1/jwks",
            ["response_types_supported"] = new JsonArray("id_token"), ["subject_types_supported"] = new JsonArray("public"),
            ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
        });
    }
}
