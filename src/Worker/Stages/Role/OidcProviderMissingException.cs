namespace Provisioner.Worker.Stages.Role;

public sealed class OidcProviderMissingException(string issuer) : Exception(
    $"IAM has no OIDC provider for the cluster issuer {issuer}; register it (for example 'eksctl utils associate-iam-oidc-provider') " +
    "or set kubernetes.createOidcProvider: true")
{
    public string Issuer { get; } = issuer;
}
