namespace Provisioner.Worker.Kubernetes;

/// <summary>A short-lived token for a ServiceAccount (Kubernetes TokenRequest), as a pod using it would get.</summary>
public interface IServiceAccountTokenSource
{
    Task<string> RequestTokenAsync(string @namespace, string serviceAccount, string audience, CancellationToken cancellationToken);
}
