using System.Text.Json;
using System.Text.Json.Nodes;

namespace Provisioner.Worker.Tests.Infrastructure;

/// <summary>Maps the REST paths the worker uses onto the store, the token issuer and the discovery document.</summary>
public sealed class KubernetesStandInRouter(KubernetesStandInStore store, StandInTokenIssuer tokens, Func<string?> issuer)
{
    public const string Discovery = "/.well-known/openid-configuration";
    private static readonly string[] MergeTypes = ["application/merge-patch+json", "application/strategic-merge-patch+json"];

    public StandInResult Route(string method, string path, string? contentType, JsonNode? body, string? labelSelector = null)
    {
        if (path == Discovery) return method == "GET" ? DiscoveryDocument() : KubernetesStatus.MethodNotAllowed();
        var parts = path.Trim('/').Split('/');
        // apps/v1 has the same shape one segment deeper: /apis/apps/v1/namespaces/NS/deployments[/NAME].
        var apiVersion = "v1";
        if (parts.Length >= 4 && parts[0] == "apis" && parts[1] == "apps" && parts[2] == "v1")
            (parts, apiVersion) = (["api", "v1", .. parts[3..]], "apps/v1");
        if (parts.Length > 4 && KubernetesStandInStore.ApiVersionOf(parts[4]) != apiVersion) return KubernetesStatus.PathNotFound();
        if (parts.Length < 3 || parts[0] != "api" || parts[1] != "v1" || parts[2] != "namespaces") return KubernetesStatus.PathNotFound();
        return parts.Length switch
        {
            3 => Collection(method, "namespaces", "", body),
            5 when method == "GET" && KubernetesStandInStore.Kinds.ContainsKey(parts[4]) && parts[4] != "namespaces" =>
                store.List(parts[4], parts[3], labelSelector),
            4 => Item(method, "namespaces", "", parts[3], contentType, body),
            5 when KubernetesStandInStore.Kinds.ContainsKey(parts[4]) && parts[4] != "namespaces" => Collection(method, parts[4], parts[3], body),
            6 when KubernetesStandInStore.Kinds.ContainsKey(parts[4]) && parts[4] != "namespaces" => Item(method, parts[4], parts[3], parts[5], contentType, body),
            7 when parts[4] == "serviceaccounts" && parts[6] == "token" =>
                method == "POST" ? tokens.Issue(parts[3], parts[5], body as JsonObject ?? []) : KubernetesStatus.MethodNotAllowed(),
            _ => KubernetesStatus.PathNotFound(),
        };
    }

    private StandInResult Collection(string method, string resource, string ns, JsonNode? body) => method switch
    {
        "GET" => store.List(resource, ns),
        "POST" when body is JsonObject item => store.Create(resource, ns, item),
        "POST" => KubernetesStatus.BadRequest("the body of the request is not a JSON object"),
        _ => KubernetesStatus.MethodNotAllowed(),
    };

    private StandInResult Item(string method, string resource, string ns, string name, string? contentType, JsonNode? body) => method switch
    {
        "GET" => store.Get(resource, ns, name),
        "DELETE" => store.Delete(resource, ns, name),
        "PUT" when body is JsonObject item => store.Replace(resource, ns, name, item),
        "PATCH" when !MergeTypes.Any(t => contentType?.StartsWith(t, StringComparison.OrdinalIgnoreCase) == true) =>
            KubernetesStatus.UnsupportedMediaType(contentType ?? "none"),
        "PATCH" when body is JsonObject patch => store.Patch(resource, ns, name, patch),
        "PUT" or "PATCH" => KubernetesStatus.BadRequest("the body of the request is not a JSON object"),
        _ => KubernetesStatus.MethodNotAllowed(),
    };

    private StandInResult DiscoveryDocument()
    {
        if (issuer() is not { } iss) return KubernetesStatus.PathNotFound();
        return new StandInResult(200, new JsonObject
        {
            ["issuer"] = iss, ["jwks_uri"] = $"{iss.TrimEnd('/')}/openid/v1/jwks",
            ["response_types_supported"] = new JsonArray("id_token"), ["subject_types_supported"] = new JsonArray("public"),
            ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
        });
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
}
