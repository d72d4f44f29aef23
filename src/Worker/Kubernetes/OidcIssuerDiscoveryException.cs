namespace Provisioner.Worker.Kubernetes;

/// <summary>The cluster did not tell its service-account issuer; the request must name it (<c>kubernetes.oidcIssuer</c>).</summary>
public sealed class OidcIssuerDiscoveryException(Uri apiServer, string reason, Exception? inner = null)
    : Exception($"Could not discover the OIDC issuer of the cluster at {apiServer}: {reason}; " +
        "set kubernetes.oidcIssuer in the request (EKS: aws eks describe-cluster --query cluster.identity.oidc.issuer)", inner)
{
    public Uri ApiServer { get; } = apiServer;
}
