using MassTransit;
using MassTransit.Courier.Contracts;
using Provisioner.Contracts;
using Provisioner.Worker.Planning;
using Provisioner.Worker.Rotation;
using Provisioner.Worker.Runs;

namespace Provisioner.Worker.StateMachine;

/// <summary>
/// One saga per environment. A request starts a run (or a reconcile of a provisioned environment); the run is a
/// Courier routing slip whose events come back here, are recorded as stages, and end in exactly one outcome.
/// </summary>
public sealed class ProvisioningStateMachine : MassTransitStateMachine<ProvisioningState>
{
    public ProvisioningStateMachine()
    {
        InstanceState(x => x.CurrentState);

        Event(() => Provision, x => x.CorrelateById(m => ResourceNames.CorrelationId(m.Message.Request.Environment)));
        Event(() => Resume, x => x.CorrelateById(m => m.Message.CorrelationId));
        Event(() => Deprovision, x =>
        {
            x.CorrelateById(m => ResourceNames.CorrelationId(m.Message.Environment));
            x.OnMissingInstance(m => m.ExecuteAsync(c => c.Publish(new EnvironmentDeprovisionFailed(c.Message.RequestId,
                c.Message.Environment, "plan", $"there is no environment named '{c.Message.Environment}'", [], DateTimeOffset.UtcNow))));
        });
        Event(() => StatusRequested, x =>
        {
            x.CorrelateById(m => ResourceNames.CorrelationId(m.Message.Environment));
            x.ReadOnly = true;
            x.OnMissingInstance(m => m.ExecuteAsync(c => c.RespondAsync(new EnvironmentNotFound(c.Message.RequestId, c.Message.Environment))));
        });
        Event(() => RotateKey, x =>
        {
            x.CorrelateById(m => ResourceNames.CorrelationId(m.Message.Environment));
            x.OnMissingInstance(m => m.ExecuteAsync(c => c.Publish(new AccessKeyRotationRefused(c.Message.RequestId,
                c.Message.Environment, $"there is no environment named '{c.Message.Environment}'", DateTimeOffset.UtcNow))));
        });
        Event(() => KeyReplaced, x => x.CorrelateById(m => m.Message.CorrelationId));
        Event(() => KeyRetired, x => x.CorrelateById(m => m.Message.CorrelationId));
        Event(() => ReplaceFaulted, x => x.CorrelateById(m => m.Message.Message.CorrelationId));
        Event(() => RetireFaulted, x => x.CorrelateById(m => m.Message.Message.CorrelationId));
        Event(() => RotationResumed, x => x.CorrelateById(m => m.Message.CorrelationId));
        Event(() => StageDone, x => x.CorrelateById(m => m.GetVariable<Guid>(SlipVariables.SagaId, (Guid?)null) ?? Guid.Empty));
        Event(() => StageFaulted, x => x.CorrelateById(m => m.GetVariable<Guid>(SlipVariables.SagaId, (Guid?)null) ?? Guid.Empty));
        Event(() => StageUndone, x => x.CorrelateById(m => m.GetVariable<Guid>(SlipVariables.SagaId, (Guid?)null) ?? Guid.Empty));
        Event(() => StageUndoFailed, x => x.CorrelateById(m => m.GetVariable<Guid>(SlipVariables.SagaId, (Guid?)null) ?? Guid.Empty));
        Event(() => SlipCompleted, x => x.CorrelateById(m => m.GetVariable<Guid>(SlipVariables.SagaId, (Guid?)null) ?? Guid.Empty));
        Event(() => SlipFaulted, x => x.CorrelateById(m => m.GetVariable<Guid>(SlipVariables.SagaId, (Guid?)null) ?? Guid.Empty));
        Event(() => SlipUndoFailed, x => x.CorrelateById(m => m.GetVariable<Guid>(SlipVariables.SagaId, (Guid?)null) ?? Guid.Empty));

        Initially(When(Provision).Activity(x => x.OfType<StartRunActivity>()).TransitionByDecision(this));

        During(Provisioned,
            When(RotateKey).ThenAsync(RotationSteps.Start).If(c => c.Saga.Rotation is not null, b => b.TransitionTo(Rotating)));

        During([Running, RolledBack, CompensationFailed, Rejected, Deprovisioned, DeprovisionFailed, Rotating],
            When(RotateKey).ThenAsync(RotationSteps.RefuseInState));

        During([Provisioned, RolledBack, CompensationFailed, Rejected, Deprovisioned, DeprovisionFailed, Running],
            Ignore(KeyReplaced), Ignore(KeyRetired), Ignore(ReplaceFaulted), Ignore(RetireFaulted), Ignore(RotationResumed));

        // A rotation holds the environment like a run does: runs are refused, a deprovision waits for its end.
        During(Rotating,
            When(Provision).ThenAsync(RotationSteps.RefuseRunWhileRotating),
            When(Deprovision).Then(c => (c.Saga.PendingDeprovision, c.Saga.DeleteData) = (c.Message.RequestId, c.Message.DeleteData)),
            When(KeyReplaced, c => c.Saga.Rotation is { Step: KeyRotation.Replacing } r && r.Id == c.Message.RotationId)
                .ThenAsync(RotationSteps.Replaced).EndRotationIfDone(this),
            When(KeyRetired, c => c.Saga.Rotation is { Step: KeyRotation.Retiring } r && r.Id == c.Message.RotationId)
                .ThenAsync(RotationSteps.Retired).EndRotationIfDone(this),
            When(ReplaceFaulted, c => c.Saga.Rotation is { Step: KeyRotation.Replacing } r && r.Id == c.Message.Message.RotationId)
                .ThenAsync(RotationSteps.Failed).EndRotationIfDone(this),
            When(RetireFaulted, c => c.Saga.Rotation is { Step: KeyRotation.Retiring } r && r.Id == c.Message.Message.RotationId)
                .ThenAsync(RotationSteps.Failed).EndRotationIfDone(this),
            When(RotationResumed, c => c.Saga.Rotation?.Id == c.Message.RotationId && c.Saga.Version == c.Message.Version)
                .ThenAsync(RotationSteps.Resume).EndRotationIfDone(this),
            Ignore(KeyReplaced), Ignore(KeyRetired), Ignore(ReplaceFaulted), Ignore(RetireFaulted), Ignore(RotationResumed),
            Ignore(Resume), Ignore(StageDone), Ignore(StageFaulted), Ignore(StageUndone), Ignore(StageUndoFailed),
            Ignore(SlipCompleted), Ignore(SlipFaulted), Ignore(SlipUndoFailed));

        During([Provisioned, RolledBack, CompensationFailed, Rejected, Deprovisioned, DeprovisionFailed],
            When(Provision).Activity(x => x.OfType<StartRunActivity>()).TransitionByDecision(this),
            When(Deprovision).Then(c => (c.Saga.PendingDeprovision, c.Saga.DeleteData) = (c.Message.RequestId, c.Message.DeleteData))
                .StartTeardown(this),
            Ignore(Resume), Ignore(StageDone), Ignore(StageFaulted), Ignore(StageUndone), Ignore(StageUndoFailed),
            Ignore(SlipCompleted), Ignore(SlipFaulted), Ignore(SlipUndoFailed));

        During(Running,
            When(Provision).ThenAsync(RunRecorder.RefuseWhileRunning),
            When(Deprovision, c => c.Saga.RunKind == RunLedger.KindProvision)
                .Then(c => (c.Saga.PendingDeprovision, c.Saga.DeleteData) = (c.Message.RequestId, c.Message.DeleteData)),
            Ignore(Deprovision),
            When(Resume, c => c.Message.TrackingNumber == c.Saga.TrackingNumber && c.Message.Version == c.Saga.Version)
                .Activity(x => x.OfType<ResumeRunActivity>()),
            When(StageDone, c => c.Message.TrackingNumber == c.Saga.TrackingNumber).ThenAsync(RunRecorder.StageDone).FinishIfAccounted(this),
            When(StageFaulted, c => c.Message.TrackingNumber == c.Saga.TrackingNumber).ThenAsync(RunRecorder.StageFaulted).FinishIfAccounted(this),
            When(StageUndone, c => c.Message.TrackingNumber == c.Saga.TrackingNumber).ThenAsync(RunRecorder.StageUndone).FinishIfAccounted(this),
            When(StageUndoFailed, c => c.Message.TrackingNumber == c.Saga.TrackingNumber).ThenAsync(RunRecorder.StageUndoFailed).FinishIfAccounted(this),
            When(SlipCompleted, c => c.Message.TrackingNumber == c.Saga.TrackingNumber).Then(c => c.Saga.SlipOutcome = RunLedger.Completed).FinishIfAccounted(this),
            When(SlipFaulted, c => c.Message.TrackingNumber == c.Saga.TrackingNumber).Then(c => c.Saga.SlipOutcome = RunLedger.Faulted).FinishIfAccounted(this),
            When(SlipUndoFailed, c => c.Message.TrackingNumber == c.Saga.TrackingNumber).Then(c => c.Saga.SlipOutcome = RunLedger.CompensationFailed).FinishIfAccounted(this));

        DuringAny(When(StatusRequested).RespondAsync(c => Task.FromResult(StatusDocument.From(c.Saga))));
    }

    public State Running { get; private set; } = null!;
    public State Provisioned { get; private set; } = null!;
    public State RolledBack { get; private set; } = null!;
    public State CompensationFailed { get; private set; } = null!;
    public State Rejected { get; private set; } = null!;
    public State Deprovisioned { get; private set; } = null!;
    public State DeprovisionFailed { get; private set; } = null!;
    public State Rotating { get; private set; } = null!;

    public Event<ProvisionEnvironment> Provision { get; private set; } = null!;
    public Event<ResumeProvisioning> Resume { get; private set; } = null!;
    public Event<DeprovisionEnvironment> Deprovision { get; private set; } = null!;
    public Event<GetEnvironmentStatus> StatusRequested { get; private set; } = null!;
    public Event<RotateAccessKey> RotateKey { get; private set; } = null!;
    public Event<AccessKeyReplaced> KeyReplaced { get; private set; } = null!;
    public Event<AccessKeyRetired> KeyRetired { get; private set; } = null!;
    public Event<Fault<ReplaceAccessKey>> ReplaceFaulted { get; private set; } = null!;
    public Event<Fault<RetireAccessKey>> RetireFaulted { get; private set; } = null!;
    public Event<ResumeRotation> RotationResumed { get; private set; } = null!;
    public Event<RoutingSlipActivityCompleted> StageDone { get; private set; } = null!;
    public Event<RoutingSlipActivityFaulted> StageFaulted { get; private set; } = null!;
    public Event<RoutingSlipActivityCompensated> StageUndone { get; private set; } = null!;
    public Event<RoutingSlipActivityCompensationFailed> StageUndoFailed { get; private set; } = null!;
    public Event<RoutingSlipCompleted> SlipCompleted { get; private set; } = null!;
    public Event<RoutingSlipFaulted> SlipFaulted { get; private set; } = null!;
    public Event<RoutingSlipCompensationFailed> SlipUndoFailed { get; private set; } = null!;
}
