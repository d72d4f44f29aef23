using System.Diagnostics;
using MassTransit;
using Provisioner.Worker.Recovery;
using Provisioner.Worker.Runs;
using Provisioner.Worker.SagaStore;
using Provisioner.Worker.Telemetry;

namespace Provisioner.Worker.Stages;

/// <summary>
/// The activity of every resource stage. Execute observes, then acts as the slip's <see cref="StageMode"/> says;
/// Compensate undoes what this run did to the resource. Courier runs the compensations in reverse order, and never
/// compensates a removal or a prune (they complete without a log).
/// </summary>
public sealed class StageActivity<TPlan>(IResource<TPlan> resource, Stage<TPlan> stage, Reconciler reconciler, ILogger<StageActivity<TPlan>> logger) : IActivity<StageArguments<TPlan>, StageLog<TPlan>>
    where TPlan : class
{
    /// <summary>One span named after the stage and one duration sample by the action taken (<c>failed</c> when it throws).</summary>
    public async Task<ExecutionResult> Execute(ExecuteContext<StageArguments<TPlan>> context)
    {
        var args = context.Arguments;
        using var span = ProvisionerTelemetry.StartStage(stage.Name, args.Mode.ToString().ToLowerInvariant(),
            args.Environment);
        var clock = Stopwatch.StartNew();
        var action = "failed";
        try
        {
            (var result, action) = await ExecuteModeAsync(context);
            span?.SetTag("provisioner.action", action);
            return result;
        }
        catch (Exception ex)
        {
            ProvisionerTelemetry.Failed(span, ex);
            throw;
        }
        finally
        {
            ProvisionerMetrics.StageCalled(stage.Name, action, clock.Elapsed);
        }
    }

    private async Task<(ExecutionResult Result, string Action)> ExecuteModeAsync(ExecuteContext<StageArguments<TPlan>> context)
    {
        var args = context.Arguments;
        var (key, ct) = (Key(args.RunId, args.Environment, args.Plan), context.CancellationToken);
        switch (args.Mode)
        {
            case StageMode.Remove:
                var (removed, detail) = await reconciler.DeprovisionAsync(resource, args.Plan, key, args.DeleteData, ct);
                logger.LogInformation("Deprovisioned {Stage} of {Environment}: {Resource} {Action} {Detail}", stage.Name, args.Environment,
                    key.Name, removed, detail);
                return (context.CompletedWithVariables(SlipVariables.StageResult(removed, Outputs(args.Plan, detail))), removed);
            case StageMode.Prune:
                var (pruned, why) = await PruneAsync(args.Plan, key, ct);
                logger.LogInformation("Pruned {Stage} of {Environment}: {Resource} {Action} {Detail}", stage.Name, args.Environment, key.Name,
                    pruned, why);
                return (context.CompletedWithVariables(SlipVariables.StageResult(pruned, Outputs(args.Plan, why))), pruned);
            case StageMode.Abandon:
                var (undone, reason) = await reconciler.CompensateAsync(resource, args.Plan, key, ct);
                logger.LogWarning("Failing the run of {Environment} at {Stage}: {Reason} (its own resource: {Action} {Detail})",
                    args.Environment, stage.Name, args.AbandonReason, undone, reason);
                throw new RunAbandonedException(args.AbandonReason ?? "the run was abandoned");
            case StageMode.Observe:
                var observed = await resource.ObserveAsync(args.Plan, args.Environment, ct);
                var seen = observed.Exists ? Reconciler.Observed : Reconciler.Absent;
                return (Completed(context, seen, OwnershipOf(observed)), seen);
            default:
                var ensured = await reconciler.EnsureAsync(resource, args.Plan, key, ct);
                logger.LogInformation("Stage {Stage} of {Environment}: {Resource} {Action}", stage.Name, args.Environment, key.Name, ensured.Action);
                return (Completed(context, ensured.Action, ensured.CreatedBy, keep: args.Mode == StageMode.Repair), ensured.Action);
        }
    }

    public async Task<CompensationResult> Compensate(CompensateContext<StageLog<TPlan>> context)
    {
        var log = context.Log;
        var key = Key(log.RunId, log.Environment, log.Plan);
        using var span = ProvisionerTelemetry.StartStage(stage.Name, "compensate", log.Environment);
        string action;
        string? detail;
        try
        {
            (action, detail) = log.Keep
                ? (Reconciler.Retained, "a drift repair keeps what it put back")
                : await reconciler.CompensateAsync(resource, log.Plan, key, context.CancellationToken);
        }
        catch (Exception ex)
        {
            ProvisionerTelemetry.Failed(span, ex);
            ProvisionerMetrics.StageCompensated(stage.Name, "failed");
            throw;
        }
        span?.SetTag("provisioner.action", action);
        ProvisionerMetrics.StageCompensated(stage.Name, action);
        logger.LogInformation("Compensated {Stage} of {Environment}: {Resource} {Action} {Detail}", stage.Name, log.Environment, key.Name,
            action, detail);
        if (Guid.TryParse(CourierData.ReadString(context.Message.Variables, SlipVariables.SagaId), out var sagaId))
            await context.Publish(new StageCompensationReport(sagaId, context.TrackingNumber, context.ActivityName, action, detail));
        return context.Compensated();
    }

    /// <summary>
    /// A prune never fails the run it follows: what it cannot remove after a few tries stays in the inventory, reported as
    /// retained, and the next deprovisioning removes it.
    /// </summary>
    private async Task<(string Action, string? Detail)> PruneAsync(TPlan plan, ResourceKey key, CancellationToken ct)
    {
        try
        {
            return await PruneRetry.ExecuteAsync(token => reconciler.PruneAsync(resource, plan, key, token), e => !StageErrors.IsTerminal(e), ct);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            logger.LogWarning("Could not remove {Resource} of {Environment}, replaced by this run; it stays in the inventory: {Error}", key.Name,
                key.Environment, ex.Message);
            return (Reconciler.Retained, $"could not be removed: {ex.Message}");
        }
    }

    private static readonly Common.BoundedRetry PruneRetry = new(4, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(5));

    private ResourceKey Key(Guid runId, string environment, TPlan plan) => new(runId, environment, stage.Name, stage.ResourceName(plan));

    private Dictionary<string, string> Outputs(TPlan plan, string? detail)
    {
        var outputs = new Dictionary<string, string>(resource.Outputs(plan));
        if (detail is not null) outputs["detail"] = detail;
        return outputs;
    }

    private static Guid? OwnershipOf(Observation observed) => Planning.OwnershipTags.CreatorOf(observed.Tags);

    private ExecutionResult Completed(ExecuteContext<StageArguments<TPlan>> context, string action, Guid? createdBy, bool keep = false)
    {
        var args = context.Arguments;
        return context.Completed(new StageLog<TPlan>(args.RunId, args.Environment, args.Plan, action, resource.Outputs(args.Plan), createdBy, keep));
    }
}
