using Provisioner.Contracts;
using Provisioner.Worker.Planning;

namespace Provisioner.Worker.Saga;

/// <summary>Observes what a plan needs from the world (the account, the cluster's OIDC issuer) before the first stage.</summary>
public interface IPlanFactsResolver
{
    /// <exception cref="PlanFactsException">The facts cannot be had; the run fails before any stage.</exception>
    Task<PlanFacts> ResolveAsync(EnvironmentRequest request, CancellationToken cancellationToken);
}
