using MassTransit;
using Provisioner.Worker.Recovery;
using Provisioner.Worker.Runs;

namespace Provisioner.Worker.Stages;

/// <summary>
/// The activity of every resource stage. Execute observes, then acts as the slip's <see cref="StageMode"/> says;
/// Compensate observes, then deletes what this request created. Courier runs the compensations in reverse order, and
/// never compensates a removal (it completes without a log).
/// </summary>
public sealed class StageActivity<TPlan>(IResource<TPlan> resource, Stage<TPlan> stage, ILogger<StageActivity<TPlan>> logger)
    : IActivity<StageArguments<TPlan>, StageLog<TPlan>>
    where TPlan : class
{
    public async Task<ExecutionResult> Execute(ExecuteContext<StageArguments<TPlan>> context)
    {
        var args = context.Arguments;
        var (name, ct) = (stage.ResourceName(args.Plan), context.CancellationToken);
        switch (args.Mode)
        {
            case StageMode.Remove:
                var (removed, detail) = await Reconciler.DeprovisionAsync(resource, args.Plan, args.Environment, args.DeleteData, ct);
                logger.LogInformation("Deprovisioned {Stage} of {Environment}: {Action} {Detail}", stage.Name, args.Environment, removed, detail);
                var outputs = new Dictionary<string, string>(resource.Outputs(args.Plan));
                if (detail is not null) outputs["detail"] = detail;
                return context.CompletedWithVariables(SlipVariables.StageResult(removed, outputs));
            case StageMode.Abandon:
                var (undone, why) = await Reconciler.RemoveAsync(resource, args.Plan, args.Environment, args.RequestId, ct);
                logger.LogWarning("Failing the run of {Environment} at {Stage}: {Reason} (its own resource: {Action} {Detail})",
                    args.Environment, stage.Name, args.AbandonReason, undone, why);
                throw new RunAbandonedException(args.AbandonReason ?? "the run was abandoned");
            case StageMode.Observe:
                var observed = await resource.ObserveAsync(args.Plan, args.Environment, ct);
                return Completed(context, observed.Exists ? Reconciler.Observed : Reconciler.Absent);
            default:
                var action = await Reconciler.EnsureAsync(resource, args.Plan, stage.Name, name, args.Environment, ct);
                logger.LogInformation("Stage {Stage} of {Environment}: {Resource} {Action}", stage.Name, args.Environment, name, action);
                return Completed(context, action);
        }
    }

    public async Task<CompensationResult> Compensate(CompensateContext<StageLog<TPlan>> context)
    {
        var log = context.Log;
        var (action, detail) = await Reconciler.RemoveAsync(resource, log.Plan, log.Environment, log.RequestId, context.CancellationToken);
        logger.LogInformation("Compensated {Stage} of {Environment}: {Resource} {Action} {Detail}", stage.Name, log.Environment,
            stage.ResourceName(log.Plan), action, detail);
        return context.Compensated(SlipVariables.CompensationResult(action, detail));
    }

    private ExecutionResult Completed(ExecuteContext<StageArguments<TPlan>> context, string action)
    {
        var args = context.Arguments;
        return context.Completed(new StageLog<TPlan>(args.RequestId, args.Environment, args.Plan, action, resource.Outputs(args.Plan)));
    }
}
