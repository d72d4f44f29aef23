using Provisioner.Worker.Planning;
using Provisioner.Worker.StateMachine;

namespace Provisioner.Worker.Runs;

/// <summary>
/// The one place plans are computed from the saga: the current run's attempt (its request, the facts observed for it,
/// its run id), or what was last applied — so a resumed run, a deprovisioning, a rotation and the status document each
/// land on the resources they mean.
/// </summary>
public static class RunPlan
{
    /// <returns>The plan of the run in progress (or the last run); null while it has no planned request (a deprovisioning, a run that failed at <c>plan</c>).</returns>
    public static EnvironmentPlan? Of(ProvisioningState saga) =>
        saga.Run is { Request: { } request, AccountId: { } account } run
            ? Planner.Plan(request, run.RunId, new PlanFacts(account, run.OidcIssuer ?? PlanFacts.UnknownIssuer))
            : null;

    /// <returns>The plan of the request last applied successfully; null when nothing is applied.</returns>
    public static EnvironmentPlan? Applied(ProvisioningState saga) =>
        saga.Applied is { } applied ? Planner.Plan(applied.Request, applied.RunId, new PlanFacts(applied.AccountId, applied.OidcIssuer)) : null;
}
