using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Provisioner.Worker.Tests.Infrastructure;

/// <summary>
/// The TokenRequest subresource: a JWT-shaped token (header, claims as the API server writes them, random signature)
/// for an existing ServiceAccount, with the API server's 10-minute minimum.
/// </summary>
public sealed class StandInTokenIssuer(KubernetesStandInStore store, Func<string?> issuer)
{
    private readonly List<string> issued = [];

    /// <summary>Every token handed out, so a test can check that none of them leaked into logs or exceptions.</summary>
    public IReadOnlyList<string> Issued
    {
        get
        {
            lock (issued) return [.. issued];
        }
    }

    public StandInResult Issue(string ns, string name, JsonObject body)
    {
        var account = store.Get("serviceaccounts", ns, name);
        if (!account.IsSuccess) return account;
        var spec = body["spec"] as JsonObject ?? new JsonObject();
        var seconds = spec["expirationSeconds"]?.GetValue<long>() ?? 3600;
        if (seconds < 600)
            return KubernetesStatus.Invalid("TokenRequest", "serviceaccounts", name,
                [("spec.expirationSeconds", $"Invalid value: {seconds}: may not specify a duration less than 10 minutes")]);
        var audiences = spec["audiences"] as JsonArray is { Count: > 0 } given ? given : new JsonArray(issuer() ?? "https://kubernetes.default.svc");
        var now = DateTimeOffset.UtcNow;
        var expires = now.AddSeconds(seconds);
        var claims = new JsonObject
        {
            ["aud"] = audiences.DeepClone(), ["exp"] = expires.ToUnixTimeSeconds(), ["iat"] = now.ToUnixTimeSeconds(),
            ["iss"] = issuer() ?? "https://kubernetes.default.svc", ["nbf"] = now.ToUnixTimeSeconds(),
            ["sub"] = $"system:serviceaccount:{ns}:{name}",
            ["kubernetes.io"] = new JsonObject
            {
                ["namespace"] = ns,
                ["serviceaccount"] = new JsonObject { ["name"] = name, ["uid"] = account.Body["metadata"]?["uid"]?.DeepClone() },
            },
        };
        var token = $"{Encode("""{"alg":"RS256","kid":"stand-in"}""")}.{Encode(claims.ToJsonString())}.{Base64Url(RandomNumberGenerator.GetBytes(64))}";
        lock (issued) issued.Add(token);
        spec["audiences"] = audiences.DeepClone();
        spec["expirationSeconds"] = seconds;
        return new StandInResult(201, new JsonObject
        {
            ["kind"] = "TokenRequest", ["apiVersion"] = "authentication.k8s.io/v1",
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns, ["creationTimestamp"] = now.ToString("yyyy-MM-ddTHH:mm:ssZ") },
            ["spec"] = spec.DeepClone(),
            ["status"] = new JsonObject { ["token"] = token, ["expirationTimestamp"] = expires.ToString("yyyy-MM-ddTHH:mm:ssZ") },
        });
    }

    private static string Encode(string json) => Base64Url(Encoding.UTF8.GetBytes(json));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
