using Provisioner.Contracts;
using Provisioner.Worker.Planning;

namespace Provisioner.Worker.Tests.StateMachine;

public sealed class FakePlanFacts : IPlanFactsResolver
{
    public string? Failure { get; set; }

    /// <summary>The account the worker's credentials belong to.</summary>
    public string AccountId { get; set; } = "123456789012";
    public int Calls { get; private set; }

    public Task<PlanFacts> ResolveAsync(EnvironmentRequest request, CancellationToken cancellationToken)
    {
        Calls++;
        if (Failure is { } failure) throw new PlanFactsException(failure);
        return Task.FromResult(new PlanFacts(AccountId, request.Kubernetes.OidcIssuer ?? "https://oidc.example.test/id/X"));
    }
}
