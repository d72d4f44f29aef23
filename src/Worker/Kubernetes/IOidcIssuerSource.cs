namespace Provisioner.Worker.Kubernetes;

/// <summary>Reads the cluster's OIDC issuer (its <c>/.well-known/openid-configuration</c>) when the request does not give it.</summary>
public interface IOidcIssuerSource
{
    /// <exception cref="PlanFactsException">No cluster is configured, or it does not publish an issuer.</exception>
    Task<string> DiscoverAsync(CancellationToken cancellationToken);
}
