using MassTransit;
using Provisioner.Worker.Stages.Verify;

namespace Provisioner.Worker.Stages;

/// <summary>
/// Execute-only: deprovisioning cannot be undone, so there is nothing to compensate. Observe, then delete what is ours
/// for this environment, whichever request created it; a missing resource is already done.
/// </summary>
public abstract class RemoveStageActivity<TPlan>(IResource<TPlan> resource, ILogger logger) : IExecuteActivity<RemoveArguments<TPlan>>
    where TPlan : class
{
    protected abstract string Stage { get; }

    protected IResource<TPlan> Resource => resource;

    public async Task<ExecutionResult> Execute(ExecuteContext<RemoveArguments<TPlan>> context)
    {
        var args = context.Arguments;
        var (action, detail) = await RemoveAsync(args, context.CancellationToken);
        logger.LogInformation("Deprovisioned {Stage} of {Environment}: {Action} {Detail}", Stage, args.Environment, action, detail);
        var outputs = new Dictionary<string, string>(resource.Outputs(args.Plan));
        if (detail is not null) outputs["detail"] = detail;
        return context.CompletedWithVariables(new Dictionary<string, object>
        {
            [VerifyActivity.ActionVariable] = action,
            [VerifyActivity.OutputsVariable] = outputs,
        });
    }

    protected virtual Task<(string Action, string? Detail)> RemoveAsync(RemoveArguments<TPlan> args, CancellationToken ct) =>
        Reconciler.RemoveAsync(resource, args.Plan, args.Environment, onlyCreatedBy: null, ct);
}
