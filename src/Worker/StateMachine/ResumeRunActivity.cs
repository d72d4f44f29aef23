using MassTransit;
using Microsoft.Extensions.Options;
using Provisioner.Worker.Recovery;
using Provisioner.Worker.Runs;

namespace Provisioner.Worker.StateMachine;

/// <summary>
/// Re-drives a stalled run with a new routing slip. Stages observe first and keep records of intent, so work done by the
/// lost attempt is neither duplicated nor orphaned. A run out of attempts, or one that stalled while compensating, is
/// failed instead: see <see cref="RoutingSlipFactory.BuildAbandon"/>. Deprovisioning is always re-driven: removal has
/// nothing to compensate, and every removal observes first.
/// </summary>
public sealed class ResumeRunActivity(IOptions<RecoveryOptions> recovery, TimeProvider clock, ILogger<ResumeRunActivity> logger)
    : IStateMachineActivity<ProvisioningState, ResumeProvisioning>
{
    public async Task Execute(BehaviorContext<ProvisioningState, ResumeProvisioning> context,
        IBehavior<ProvisioningState, ResumeProvisioning> next)
    {
        var (saga, run) = (context.Saga, context.Saga.Run);
        if (run.Kind == RunKind.Deprovision || (run.FailedStage is null && (run.Attempts < recovery.Value.MaxAttempts || StalledInPrune(run))))
        {
            run.Attempts++;
            logger.LogWarning("Resuming run {RequestId} of {Environment} (attempt {Attempt})", run.RequestId, saga.Environment, run.Attempts);
            if (run.Kind == RunKind.Deprovision) await StartTeardownActivity.StartSlip(context, clock.GetUtcNow());
            else await StartRunActivity.StartSlip(context, clock.GetUtcNow());
        }
        else
        {
            await FailRun(context);
        }
        await next.Execute(context);
    }

    /// <summary>Every stage of the run is done and verified; only removing what it replaced is left, which never undoes the run.</summary>
    private static bool StalledInPrune(Run run) =>
        RunLedger.StalledStage(run).StartsWith(SlipStepNames.PrunePrefix, StringComparison.Ordinal);

    private async Task FailRun(BehaviorContext<ProvisioningState> context)
    {
        var (saga, run) = (context.Saga, context.Saga.Run);
        var stage = RunLedger.StalledStage(run);
        var reason = run.FailedStage is null
            ? $"no progress at stage '{stage}' in {run.Attempts} attempts; undoing what this run did"
            : run.Reason ?? $"stage '{stage}' failed";
        logger.LogWarning("Failing run {RequestId} of {Environment} at {Stage}: {Reason}", run.RequestId, saga.Environment, stage, reason);
        var trackingNumber = NewId.NextGuid();
        var slip = RoutingSlipFactory.BuildAbandon(RunPlan.Of(saga)!, stage, reason, trackingNumber);
        RunLedger.Begin(run, slip.Steps, trackingNumber, clock.GetUtcNow());
        await context.Execute(slip.Build(saga.CorrelationId, context.ReceiveContext.InputAddress));
    }

    public Task Faulted<TException>(BehaviorExceptionContext<ProvisioningState, ResumeProvisioning, TException> context,
        IBehavior<ProvisioningState, ResumeProvisioning> next) where TException : Exception => next.Faulted(context);

    public void Probe(ProbeContext context) => context.CreateScope("resume-run");

    public void Accept(StateMachineVisitor visitor) => visitor.Visit(this);
}
