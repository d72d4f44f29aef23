using MassTransit;
using MassTransit.Courier.Contracts;
using Provisioner.Contracts;
using Provisioner.Worker.Drift;
using Provisioner.Worker.Planning;
using Provisioner.Worker.Rotation;
using Provisioner.Worker.Runs;

namespace Provisioner.Worker.StateMachine;

/// <summary>
/// One saga per environment. A request starts a run (or a reconcile); the run is a Courier routing slip whose events come
/// back here as stages and end in one outcome. Key rotation has states of its own (ProvisioningStateMachine.KeyRotation.cs).
/// </summary>
public sealed partial class ProvisioningStateMachine : MassTransitStateMachine<ProvisioningState>
{
    public ProvisioningStateMachine()
    {
        InstanceState(x => x.CurrentState);
        Event(() => Provision, x => x.CorrelateById(m => ResourceNames.CorrelationId(m.Message.Request.Environment)));
        Event(() => Deprovision, x => x.CorrelateById(m => ResourceNames.CorrelationId(m.Message.Environment))
            .OnMissingInstance(m => m.ExecuteAsync(RunRecorder.RefuseUnknownDeprovision)));
        Event(() => StatusRequested, x =>
        {
            x.ReadOnly = true;
            x.CorrelateById(m => ResourceNames.CorrelationId(m.Message.Environment))
                .OnMissingInstance(m => m.ExecuteAsync(c => c.RespondAsync(new EnvironmentNotFound(c.Message.RequestId, c.Message.Environment))));
        });
        Event(() => Resume, x => x.CorrelateById(m => m.Message.CorrelationId));
        Event(() => StageCompleted, CourierEvents.Correlate);
        Event(() => StageFailed, CourierEvents.Correlate);
        Event(() => StageCompensated, CourierEvents.Correlate);
        Event(() => StageCompensationFailed, CourierEvents.Correlate);
        Event(() => SlipCompleted, CourierEvents.Correlate);
        Event(() => SlipFaulted, CourierEvents.Correlate);
        Event(() => SlipCompensationFailed, CourierEvents.Correlate);
        Event(() => CompensationReported, x => x.CorrelateById(m => m.Message.CorrelationId));
        Event(() => DriftObserved, x => x.CorrelateById(m => m.Message.CorrelationId).OnMissingInstance(m => m.Discard()));
        OnUnhandledEvent(x => x.Ignore());

        Initially(
            When(Provision, RequestChecks.IsInvalid).ThenAsync(RunRecorder.Reject).TransitionTo(Rejected),
            When(Provision, RequestChecks.IsNewAndValid).StartRun(this));

        During(Running,
            When(Provision, RequestChecks.IsDuplicate).ThenAsync(RunRecorder.RepeatOutcome),
            When(Provision, RequestChecks.IsNew).ThenAsync(RunRecorder.RefuseWhileRunning),
            When(Deprovision, RequestChecks.IsDuplicate).ThenAsync(RunRecorder.RepeatOutcome),
            When(Deprovision, c => RequestChecks.IsNew(c) && c.Saga.Run.Kind == RunKind.Provision).QueueDeprovision(),
            When(Resume, c => c.Message.TrackingNumber == c.Saga.Run.TrackingNumber && c.Message.Version == c.Saga.Version)
                .Activity(x => x.OfType<ResumeRunActivity>()),
            When(StageCompleted, CourierEvents.OfCurrentSlip).ThenAsync(RunRecorder.StageCompleted).FinishIfAccounted(this),
            When(StageFailed, CourierEvents.OfCurrentSlip).ThenAsync(RunRecorder.StageFailed).FinishIfAccounted(this),
            When(StageCompensated, CourierEvents.OfCurrentSlip).ThenAsync(RunRecorder.StageCompensated).FinishIfAccounted(this),
            When(StageCompensationFailed, CourierEvents.OfCurrentSlip).ThenAsync(RunRecorder.StageCompensationFailed).FinishIfAccounted(this),
            When(CompensationReported, c => c.Message.TrackingNumber == c.Saga.Run.TrackingNumber).ThenAsync(RunRecorder.CompensationReported)
                .FinishIfAccounted(this),
            When(SlipCompleted, CourierEvents.OfCurrentSlip).Then(c => c.Saga.Run.Slip = SlipOutcome.Completed).FinishIfAccounted(this),
            When(SlipFaulted, CourierEvents.OfCurrentSlip).Then(c => c.Saga.Run.Slip = SlipOutcome.Faulted).FinishIfAccounted(this),
            When(SlipCompensationFailed, CourierEvents.OfCurrentSlip).Then(c => c.Saga.Run.Slip = SlipOutcome.CompensationFailed).FinishIfAccounted(this));

        During(AtRest,
            When(Provision, RequestChecks.IsDuplicate).ThenAsync(RunRecorder.RepeatOutcome),
            When(Provision, RequestChecks.IsInvalid).ThenAsync(RunRecorder.Reject),
            When(Provision, RequestChecks.IsNewAndValid).StartRun(this),
            When(Deprovision, RequestChecks.IsDuplicate).ThenAsync(RunRecorder.RepeatOutcome),
            When(Deprovision, RequestChecks.IsNew).QueueDeprovision().StartTeardown(this),
            When(DriftObserved, DriftRecorder.Repairs).ThenAsync(DriftRecorder.Record).RepairDrift(this),
            When(DriftObserved, c => !DriftRecorder.Repairs(c) && DriftRecorder.IsNews(c)).ThenAsync(DriftRecorder.Record));

        KeyRotation();
        DuringAny(
            When(Provision, RequestChecks.IsForeign).ThenAsync(RunRecorder.RefuseForeign),
            When(Deprovision, RequestChecks.IsForeign).ThenAsync(RunRecorder.RefuseForeign),
            When(RotateKey, RequestChecks.IsForeign).ThenAsync(RotationSteps.RefuseForeign),
            When(StatusRequested, RequestChecks.IsForeign).RespondAsync(c => Task.FromResult(new EnvironmentNotFound(c.Message.RequestId, c.Message.Environment))),
            When(StatusRequested, c => !RequestChecks.IsForeign(c)).RespondAsync(c => Task.FromResult(StatusDocument.From(c.Saga))));
    }

    /// <summary>The states between runs, where a request starts one.</summary>
    public State[] AtRest => [Provisioned, RolledBack, CompensationFailed, Rejected, Deprovisioned, DeprovisionFailed];

    public State Running { get; private set; } = null!;
    public State Provisioned { get; private set; } = null!;
    public State RolledBack { get; private set; } = null!;
    public State CompensationFailed { get; private set; } = null!;
    public State Rejected { get; private set; } = null!;
    public State Deprovisioned { get; private set; } = null!;
    public State DeprovisionFailed { get; private set; } = null!;

    public Event<ProvisionEnvironment> Provision { get; private set; } = null!;
    public Event<DeprovisionEnvironment> Deprovision { get; private set; } = null!;
    public Event<GetEnvironmentStatus> StatusRequested { get; private set; } = null!;
    public Event<ResumeProvisioning> Resume { get; private set; } = null!;
    public Event<RoutingSlipActivityCompleted> StageCompleted { get; private set; } = null!;
    public Event<RoutingSlipActivityFaulted> StageFailed { get; private set; } = null!;
    public Event<RoutingSlipActivityCompensated> StageCompensated { get; private set; } = null!;
    public Event<RoutingSlipActivityCompensationFailed> StageCompensationFailed { get; private set; } = null!;
    public Event<RoutingSlipCompleted> SlipCompleted { get; private set; } = null!;
    public Event<RoutingSlipFaulted> SlipFaulted { get; private set; } = null!;
    public Event<RoutingSlipCompensationFailed> SlipCompensationFailed { get; private set; } = null!;
    public Event<StageCompensationReport> CompensationReported { get; private set; } = null!;
    public Event<DriftObserved> DriftObserved { get; private set; } = null!;
}
