using Provisioner.Contracts;
using Provisioner.Worker.Planning;
using Provisioner.Worker.Stages.ServiceAccount;
using Provisioner.Worker.StateMachine;

namespace Provisioner.Worker.Runs;

/// <summary>The saga as a caller sees it: the state, the current (or last) run and its stages.</summary>
public static class StatusDocument
{
    public static EnvironmentStatus From(ProvisioningState saga)
    {
        var run = saga.Run;
        return new(run.RequestId, saga.Environment, StateName(saga), run.FailedStage, run.Reason, run.Stages, run.Leftovers,
            run.StartedAt, run.FinishedAt, ManifestToApply(saga), saga.Drift?.Findings, saga.Drift?.DetectedAt);
    }

    /// <summary>With <c>manage: false</c>, the ServiceAccount to apply: the applied one, or while none is, the attempt's.</summary>
    private static string? ManifestToApply(ProvisioningState saga) =>
        (RunPlan.Applied(saga) ?? RunPlan.Of(saga)) is { ServiceAccount.Manage: false, User: null } plan && plan.Role.OidcIssuer != PlanFacts.UnknownIssuer
            ? ServiceAccountManifest.For(plan.ServiceAccount).ToJsonString()
            : null;

    /// <summary>The document's name for the saga's state: kebab-case, with a deprovisioning run, every rotation step and a provisioned environment that drifted named apart.</summary>
    public static string StateName(ProvisioningState saga) => saga.CurrentState switch
    {
        nameof(ProvisioningStateMachine.Running) when saga.Run.Kind == RunKind.Deprovision => EnvironmentStates.Deprovisioning,
        nameof(ProvisioningStateMachine.Provisioned) when saga.Drift is not null => EnvironmentStates.Drifted,
        _ when ProvisioningStateMachine.IsRotating(saga.CurrentState) => EnvironmentStates.Rotating,
        var stored => EnvironmentStates.ToDocument(stored),
    };
}
