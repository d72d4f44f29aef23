using System.Net.Http.Headers;
using System.Text.Json;
using k8s;

namespace Provisioner.Worker.Kubernetes;

/// <summary>
/// Reads the service-account issuer from the API server's <c>/.well-known/openid-configuration</c>, with the client's
/// own transport and credentials (the document is not public on every cluster).
/// </summary>
public sealed class OidcIssuerDiscovery(KubernetesCalls calls, ILogger<OidcIssuerDiscovery> logger)
{
    public const string Path = ".well-known/openid-configuration";

    public async Task<string> DiscoverAsync(CancellationToken ct)
    {
        var client = calls.Client;
        string document;
        try
        {
            document = await calls.RunAsync("GET /" + Path, (c, token) => GetAsync(c, token), ct);
        }
        catch (KubernetesApiException ex) when (ex.Kind is KubernetesErrorKind.NotFound or KubernetesErrorKind.Terminal)
        {
            throw new OidcIssuerDiscoveryException(client.BaseUri, $"the API server answered {ex.StatusCode}", ex);
        }
        var issuer = IssuerOf(document) ?? throw new OidcIssuerDiscoveryException(client.BaseUri, "the document has no issuer");
        logger.LogInformation("Discovered OIDC issuer {Issuer} from {ApiServer}", issuer, client.BaseUri);
        return issuer;
    }

    private static async Task<string> GetAsync(IKubernetes client, CancellationToken ct)
    {
        // client.WellKnown.GetServiceAccountIssuerOpenIDConfigurationAsync cannot be used: it reads the JSON object as a string.
        var concrete = client as k8s.Kubernetes
            ?? throw new NotSupportedException($"Issuer discovery needs KubernetesClient's own client, not {client.GetType().Name}");
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(concrete.BaseUri, Path));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (concrete.Credentials is { } credentials) await credentials.ProcessHttpRequestAsync(request, ct).ConfigureAwait(false);
        using var response = await concrete.HttpClient.SendAsync(request, ct).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        if (response.IsSuccessStatusCode) return body;
        throw new KubernetesApiException("GET /" + Path, (int)response.StatusCode, ReasonOf(body), response.ReasonPhrase ?? "");
    }

    private static string? ReasonOf(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.TryGetProperty("reason", out var reason) ? reason.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? IssuerOf(string document)
    {
        try
        {
            using var json = JsonDocument.Parse(document);
            return json.RootElement.ValueKind == JsonValueKind.Object
                && json.RootElement.TryGetProperty("issuer", out var issuer) && issuer.ValueKind == JsonValueKind.String
                && !string.IsNullOrWhiteSpace(issuer.GetString())
                ? issuer.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
