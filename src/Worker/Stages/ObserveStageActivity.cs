using MassTransit;
using Provisioner.Worker.Recovery;

namespace Provisioner.Worker.Stages;

/// <summary>
/// Fails a stalled run without a message scheduler: a routing slip of these, one per stage up to the stalled one,
/// creates nothing; the last one faults, and Courier compensates the stages before it in reverse order, deleting only
/// what this request created. Courier does not compensate the faulting activity, so it cleans its own stage first.
/// </summary>
public abstract class ObserveStageActivity<TPlan>(IResource<TPlan> resource, ILogger logger)
    : IActivity<ObserveArguments<TPlan>, StageLog<TPlan>>
    where TPlan : class
{
    protected abstract string Stage { get; }

    public async Task<ExecutionResult> Execute(ExecuteContext<ObserveArguments<TPlan>> context)
    {
        var args = context.Arguments;
        if (args.AbandonReason is { } reason)
        {
            var (removed, detail) = await Reconciler.RemoveAsync(resource, args.Plan, args.Environment, args.RequestId, context.CancellationToken);
            logger.LogWarning("Failing the run of {Environment} at {Stage}: {Reason} (its own resource: {Action} {Detail})",
                args.Environment, Stage, reason, removed, detail);
            throw new RunAbandonedException(reason);
        }
        var observed = await resource.ObserveAsync(args.Plan, args.Environment, context.CancellationToken);
        var action = observed.Exists ? Reconciler.Observed : Reconciler.Absent;
        return context.Completed(new StageLog<TPlan>(args.RequestId, args.Environment, args.Plan, action, resource.Outputs(args.Plan)));
    }

    public async Task<CompensationResult> Compensate(CompensateContext<StageLog<TPlan>> context)
    {
        var log = context.Log;
        var (action, detail) = await Reconciler.RemoveAsync(resource, log.Plan, log.Environment, log.RequestId, context.CancellationToken);
        logger.LogInformation("Compensated {Stage} of {Environment} after a stall: {Action} {Detail}", Stage, log.Environment, action, detail);
        return context.Compensated(new { CompensationAction = action, CompensationDetail = detail });
    }
}
