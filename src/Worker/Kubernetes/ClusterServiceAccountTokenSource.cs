
namespace Provisioner.Worker.Kubernetes;

/// <summary>TokenRequest for the verify probe: the shortest lifetime the API server accepts (10 minutes).</summary>
public sealed class ClusterServiceAccountTokenSource(ServiceAccountTokens tokens) : IServiceAccountTokenSource
{
    private const long MinimumLifetimeSeconds = 600;

    public Task<string> RequestTokenAsync(string @namespace, string serviceAccount, string audience, CancellationToken cancellationToken) =>
        tokens.RequestAsync(@namespace, serviceAccount, audience, MinimumLifetimeSeconds, cancellationToken);
}
