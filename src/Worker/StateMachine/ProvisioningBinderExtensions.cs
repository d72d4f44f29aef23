using MassTransit;
using Provisioner.Contracts;
using Provisioner.Worker.Drift;
using Provisioner.Worker.Rotation;
using Provisioner.Worker.Runs;

namespace Provisioner.Worker.StateMachine;

/// <summary>The steps the state machine takes in more than one place, so it reads top to bottom.</summary>
public static class ProvisioningBinderExtensions
{
    /// <summary>Starts a run of a new, valid request: it is running, or (facts that cannot be had) rolled back at once.</summary>
    public static EventActivityBinder<ProvisioningState, ProvisionEnvironment> StartRun(
        this EventActivityBinder<ProvisioningState, ProvisionEnvironment> binder, ProvisioningStateMachine machine) =>
        binder.Activity(x => x.OfType<StartRunActivity>()).EnterStateOfRun(machine);

    /// <summary>Once every event the run's outcome needs is in: records it, leaves Running, starts a deprovision that waited.</summary>
    public static EventActivityBinder<ProvisioningState, T> FinishIfAccounted<T>(
        this EventActivityBinder<ProvisioningState, T> binder, ProvisioningStateMachine machine) where T : class =>
        binder.If(c => RunLedger.Outcome(c.Saga.Run) is not null, b => b
            .ThenAsync(RunRecorder.Finish)
            .EnterStateOfRun(machine)
            .If(c => c.Saga.PendingDeprovision is not null, t => t.StartTeardown(machine)));

    /// <summary>Drift mode repair: a reconcile of the applied request starts, like any run.</summary>
    public static EventActivityBinder<ProvisioningState, DriftObserved> RepairDrift(
        this EventActivityBinder<ProvisioningState, DriftObserved> binder, ProvisioningStateMachine machine) =>
        binder.Activity(x => x.OfType<StartRepairActivity>()).EnterStateOfRun(machine);

    /// <summary>Deprovisioning: running, or deprovisioned at once when the environment never created anything.</summary>
    public static EventActivityBinder<ProvisioningState, T> StartTeardown<T>(
        this EventActivityBinder<ProvisioningState, T> binder, ProvisioningStateMachine machine) where T : class =>
        binder.Activity(x => x.OfInstanceType<StartTeardownActivity>()).EnterStateOfRun(machine);

    /// <summary>A deprovision request waits for the run or rotation in progress; it starts at once when nothing is going on.</summary>
    public static EventActivityBinder<ProvisioningState, DeprovisionEnvironment> QueueDeprovision(
        this EventActivityBinder<ProvisioningState, DeprovisionEnvironment> binder) =>
        binder.Then(c => c.Saga.PendingDeprovision = new PendingDeprovision(c.Message.RequestId, c.Message.DeleteData));

    /// <summary>The state a run leaves the environment in: the one named after its outcome, or Running while it has none.</summary>
    private static EventActivityBinder<ProvisioningState, T> EnterStateOfRun<T>(
        this EventActivityBinder<ProvisioningState, T> binder, ProvisioningStateMachine machine) where T : class =>
        binder.ThenAsync(c => c.TransitionToState(c.Saga.Run.Outcome switch
        {
            RunOutcome.Provisioned => machine.Provisioned,
            RunOutcome.RolledBack => machine.RolledBack,
            RunOutcome.CompensationFailed => machine.CompensationFailed,
            RunOutcome.Deprovisioned => machine.Deprovisioned,
            RunOutcome.DeprovisionFailed => machine.DeprovisionFailed,
            null => machine.Running,
            _ => throw new InvalidOperationException($"no state for outcome {c.Saga.Run.Outcome}"),
        }));

    /// <summary>Retires the old key once its grace period is over; a rotation with no old key is done at once.</summary>
    public static EventActivityBinder<ProvisioningState, T> RetireOldKey<T>(
        this EventActivityBinder<ProvisioningState, T> binder, ProvisioningStateMachine machine) where T : class =>
        binder.IfElse(c => RotationSteps.HasKeyToRetire(c.Saga),
            retire => retire.ThenAsync(RotationSteps.Retire).TransitionTo(machine.RetiringKey),
            none => none.ThenAsync(RotationSteps.FinishWithoutRetiring).EndRotation(machine));

    /// <summary>A rotation that has ended leaves the environment provisioned, or starts the deprovision that waited for it.</summary>
    public static EventActivityBinder<ProvisioningState, T> EndRotation<T>(
        this EventActivityBinder<ProvisioningState, T> binder, ProvisioningStateMachine machine) where T : class =>
        binder.TransitionTo(machine.Provisioned).If(c => c.Saga.PendingDeprovision is not null, b => b.StartTeardown(machine));
}
