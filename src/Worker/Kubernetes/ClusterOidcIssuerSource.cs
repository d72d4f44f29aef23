using Provisioner.Worker.Planning;

namespace Provisioner.Worker.Kubernetes;

/// <summary>The saga's view of issuer discovery: any failure is a plan failure that names what to set instead.</summary>
public sealed class ClusterOidcIssuerSource(OidcIssuerDiscovery discovery) : IOidcIssuerSource
{
    public async Task<string> DiscoverAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await discovery.DiscoverAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw new PlanFactsException(
                $"cannot discover the cluster's OIDC issuer ({ex.Message}); set kubernetes.oidcIssuer in the request", ex);
        }
    }
}
