using Provisioner.Worker.Planning;
using Provisioner.Worker.StateMachine;

namespace Provisioner.Worker.Runs;

/// <summary>
/// The one place the plan is computed from the saga: its recorded request and the facts observed for it, so a resumed
/// run, a deprovisioning, a rotation and the status document all land on the same resources.
/// </summary>
public static class RunPlan
{
    /// <returns>Null while the environment has no planned request (its requests never got past validation or facts).</returns>
    public static EnvironmentPlan? Of(ProvisioningState saga) =>
        saga is { Request: { } request, AccountId: { } account }
            ? Planner.Plan(request, saga.Run.RequestId, new PlanFacts(account, saga.OidcIssuer ?? PlanFacts.UnknownIssuer))
            : null;
}
