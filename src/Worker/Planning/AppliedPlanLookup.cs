using Provisioner.Contracts;
using Provisioner.Worker.Runs;
using Provisioner.Worker.SagaStore;

namespace Provisioner.Worker.Planning;

/// <summary>
/// What <c>plan</c> compares a request with: the plan of the environment's applied request, from the saga store, and the
/// facts observed for it (the account, the issuer) where the request does not state them.
/// </summary>
public static class AppliedPlanLookup
{
    /// <returns>The plan to print, and the changes against what is applied (null for a new environment).</returns>
    public static async Task<(EnvironmentPlan Plan, IReadOnlyList<PlanChange>? Changes)> PlanAsync(SagaTable? table, EnvironmentRequest request,
        Guid runId, CancellationToken ct)
    {
        var saga = table is null ? null : await table.LoadAsync(ResourceNames.CorrelationId(request.Environment), ct);
        var applied = saga is null ? null : RunPlan.Applied(saga);
        var facts = new PlanFacts(request.Aws.AccountId ?? applied?.AccountId ?? PlanFacts.UnknownAccount,
            request.Kubernetes.OidcIssuer ?? applied?.Role.OidcIssuer ?? PlanFacts.UnknownIssuer);
        var plan = Planner.Plan(request, runId, facts);
        return (plan, applied is null ? null : PlanChanges.Compare(applied, plan));
    }
}
