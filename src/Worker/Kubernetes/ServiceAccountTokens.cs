using k8s;
using k8s.Models;

namespace Provisioner.Worker.Kubernetes;

/// <summary>Short-lived ServiceAccount tokens (TokenRequest API) for the verify stage. The token is never logged.</summary>
public sealed class ServiceAccountTokens(KubernetesCalls calls, ILogger<ServiceAccountTokens> logger)
{
    public async Task<string> RequestAsync(string @namespace, string serviceAccount, string audience, long expirationSeconds,
        CancellationToken ct)
    {
        var body = new Authenticationv1TokenRequest
        {
            Spec = new V1TokenRequestSpec { Audiences = [audience], ExpirationSeconds = expirationSeconds },
        };
        var answer = await calls.RunAsync($"token request for serviceaccount {@namespace}/{serviceAccount}",
            (c, token) => c.CoreV1.CreateNamespacedServiceAccountTokenAsync(body, serviceAccount, @namespace, cancellationToken: token), ct);
        var issued = answer.Status?.Token;
        if (string.IsNullOrEmpty(issued))
            throw new InvalidOperationException($"The API server issued no token for serviceaccount {@namespace}/{serviceAccount}");
        logger.LogInformation("Requested a token for {Namespace}/{ServiceAccount} with audience {Audience}, expiring {ExpiresAt}",
            @namespace, serviceAccount, audience, answer.Status?.ExpirationTimestamp);
        return issued;
    }
}
