using MassTransit;

namespace Provisioner.Worker.Saga;

/// <summary>
/// Re-drives an unfinished run with a new routing slip. Stages observe first and compensation deletes what the
/// request created (by its request-id tag), so work done by the lost attempt is neither duplicated nor orphaned.
/// </summary>
public sealed class ResumeRunActivity(RoutingSlipFactory slips, TimeProvider clock, ILogger<ResumeRunActivity> logger)
    : IStateMachineActivity<ProvisioningState, ResumeProvisioning>
{
    public async Task Execute(BehaviorContext<ProvisioningState, ResumeProvisioning> context,
        IBehavior<ProvisioningState, ResumeProvisioning> next)
    {
        context.Saga.Attempts++;
        logger.LogWarning("Resuming run {RequestId} of {Environment} (attempt {Attempt})", context.Saga.RequestId,
            context.Saga.Environment, context.Saga.Attempts);
        await StartRunActivity.StartSlip(context, slips, clock.GetUtcNow());
        await next.Execute(context);
    }

    public Task Faulted<TException>(BehaviorExceptionContext<ProvisioningState, ResumeProvisioning, TException> context,
        IBehavior<ProvisioningState, ResumeProvisioning> next) where TException : Exception => next.Faulted(context);

    public void Probe(ProbeContext context) => context.CreateScope("resume-run");

    public void Accept(StateMachineVisitor visitor) => visitor.Visit(this);
}
