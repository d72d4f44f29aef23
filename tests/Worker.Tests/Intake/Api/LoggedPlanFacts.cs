using Provisioner.Contracts;
using Provisioner.Worker.Planning;
using Provisioner.Worker.Tests.StateMachine;

namespace Provisioner.Worker.Tests.Intake.Api;

/// <summary>The facts a run looks up first (STS's account, the cluster's issuer), written to the call log like every other call.</summary>
internal sealed class LoggedPlanFacts(IPlanFactsResolver inner, CallLog log) : IPlanFactsResolver
{
    public Task<PlanFacts> ResolveAsync(EnvironmentRequest request, CancellationToken cancellationToken)
    {
        log.Add($"resolve facts {request.Environment}");
        return inner.ResolveAsync(request, cancellationToken);
    }
}
