using MassTransit;

namespace Provisioner.Worker.Saga;

/// <summary>The two branching steps of the state machine, kept out of it so it reads top to bottom.</summary>
public static class ProvisioningBinderExtensions
{
    public static EventActivityBinder<ProvisioningState, T> TransitionByDecision<T>(
        this EventActivityBinder<ProvisioningState, T> binder, ProvisioningStateMachine machine) where T : class =>
        binder
            .If(c => c.Saga.Decision == RunDecisions.Started, b => b.TransitionTo(machine.Running))
            .If(c => c.Saga.Decision == RunDecisions.PlanFailed, b => b.TransitionTo(machine.RolledBack))
            .If(c => c.Saga.Decision == RunDecisions.Rejected && c.Saga.History.Count == 0, b => b.TransitionTo(machine.Rejected));

    public static EventActivityBinder<ProvisioningState, T> FinishIfAccounted<T>(
        this EventActivityBinder<ProvisioningState, T> binder, ProvisioningStateMachine machine) where T : class =>
        binder
            .Then(c => c.Saga.Outcome = RunLedger.Outcome(c.Saga))
            .If(c => c.Saga.Outcome is not null, b => b.ThenAsync(c => RunRecorder.Finish(c)))
            .If(c => c.Saga.Outcome == RunLedger.OutcomeProvisioned, b => b.TransitionTo(machine.Provisioned))
            .If(c => c.Saga.Outcome == RunLedger.OutcomeRolledBack, b => b.TransitionTo(machine.RolledBack))
            .If(c => c.Saga.Outcome == RunLedger.OutcomeCompensationFailed, b => b.TransitionTo(machine.CompensationFailed));
}
