using MassTransit;
using Provisioner.Worker.Runs;

namespace Provisioner.Worker.StateMachine;

/// <summary>The branching steps of the state machine, kept out of it so it reads top to bottom.</summary>
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
            .If(c => c.Saga.Outcome == RunLedger.OutcomeCompensationFailed, b => b.TransitionTo(machine.CompensationFailed))
            .If(c => c.Saga.Outcome == RunLedger.OutcomeDeprovisioned, b => b.TransitionTo(machine.Deprovisioned))
            .If(c => c.Saga.Outcome == RunLedger.OutcomeDeprovisionFailed, b => b.TransitionTo(machine.DeprovisionFailed))
            .If(c => c.Saga.Outcome is not null && c.Saga.PendingDeprovision is not null, b => b.StartTeardown(machine));

    /// <summary>Deprovisioning waits for a run in progress; it starts here, or at once when no run is going on.</summary>
    public static EventActivityBinder<ProvisioningState, T> StartTeardown<T>(
        this EventActivityBinder<ProvisioningState, T> binder, ProvisioningStateMachine machine) where T : class =>
        binder
            .Activity(x => x.OfInstanceType<StartTeardownActivity>())
            .If(c => c.Saga.Decision == RunDecisions.Started, b => b.TransitionTo(machine.Running))
            .If(c => c.Saga.Decision == StartTeardownActivity.NothingToRemove, b => b.TransitionTo(machine.Deprovisioned));

    /// <summary>A rotation that has ended leaves the environment provisioned, or starts the deprovision that waited for it.</summary>
    public static EventActivityBinder<ProvisioningState, T> EndRotationIfDone<T>(
        this EventActivityBinder<ProvisioningState, T> binder, ProvisioningStateMachine machine) where T : class =>
        binder
            .If(c => c.Saga.Rotation is null, b => b.TransitionTo(machine.Provisioned))
            .If(c => c.Saga.Rotation is null && c.Saga.PendingDeprovision is not null, b => b.StartTeardown(machine));
}
