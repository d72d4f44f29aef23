using Provisioner.Contracts;

namespace Provisioner.Worker.Planning;

/// <summary>Observes what a plan needs from the world (the account, the cluster's OIDC issuer) before the first stage.</summary>
public interface IPlanFactsResolver
{
    /// <exception cref="PlanFactsException">The facts cannot be had; the run fails before any stage.</exception>
    Task<PlanFacts> ResolveAsync(EnvironmentRequest request, CancellationToken cancellationToken);
}
