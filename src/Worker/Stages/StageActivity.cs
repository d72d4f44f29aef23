using MassTransit;

namespace Provisioner.Worker.Stages;

/// <summary>
/// Execute = observe, then create or converge; Compensate = observe, then delete what this request created.
/// Courier runs the compensations in reverse order.
/// </summary>
public abstract class StageActivity<TPlan>(IResource<TPlan> resource, ILogger logger)
    : IActivity<StageArguments<TPlan>, StageLog<TPlan>>
    where TPlan : class
{
    protected abstract string Stage { get; }

    protected abstract string NameOf(TPlan plan);

    public async Task<ExecutionResult> Execute(ExecuteContext<StageArguments<TPlan>> context)
    {
        var args = context.Arguments;
        var action = await Reconciler.EnsureAsync(resource, args.Plan, Stage, NameOf(args.Plan), args.Environment,
            context.CancellationToken);
        logger.LogInformation("Stage {Stage} of {Environment}: {Resource} {Action}", Stage, args.Environment, NameOf(args.Plan), action);
        return context.Completed(new StageLog<TPlan>(args.RequestId, args.Environment, args.Plan, action, resource.Outputs(args.Plan)));
    }

    public async Task<CompensationResult> Compensate(CompensateContext<StageLog<TPlan>> context)
    {
        var log = context.Log;
        var (action, detail) = await Reconciler.RemoveAsync(resource, log.Plan, log.Environment, log.RequestId,
            context.CancellationToken);
        logger.LogInformation("Compensated {Stage} of {Environment}: {Resource} {Action} {Detail}", Stage, log.Environment,
            NameOf(log.Plan), action, detail);
        return context.Compensated(new { CompensationAction = action, CompensationDetail = detail });
    }
}
