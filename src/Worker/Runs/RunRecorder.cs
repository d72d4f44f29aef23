using MassTransit;
using MassTransit.Courier.Contracts;
using Provisioner.Contracts;
using Provisioner.Worker.Drift;
using Provisioner.Worker.Outlet;
using Provisioner.Worker.StateMachine;

namespace Provisioner.Worker.Runs;

/// <summary>
/// Turns Courier's routing-slip events into stage records, the inventory and our stage events, and ends runs with their
/// outcome: the applied request moves only on success, and the outcome is kept with the request id for good.
/// </summary>
public static class RunRecorder
{
    public static Task StageCompleted(BehaviorContext<ProvisioningState, RoutingSlipActivityCompleted> c)
    {
        var (m, run) = (c.Message, c.Saga.Run);
        var log = CourierData.Read<LoggedStage>(m.Data) ?? new LoggedStage(null, null);
        // Stages without a log (verify, a removal, a prune) report through routing-slip variables instead.
        if (log.Action is null)
            log = new LoggedStage(CourierData.ReadString(m.Variables, SlipVariables.StageAction),
                CourierData.ReadValue<Dictionary<string, string>>(m.Variables, SlipVariables.StageOutputs));
        var outputs = log.Outputs ?? [];
        var (started, completed) = Span(m.Timestamp, m.Duration);
        RunLedger.Update(run, m.ActivityName, s => s with
        {
            // A completion that arrives after the stage's compensation (a replica died holding it) does not undo that.
            Status = s.Status is StageStatus.Compensated or StageStatus.CompensationFailed ? s.Status : StageStatus.Completed,
            Action = log.Action,
            Outputs = outputs,
            StartedAt = started,
            CompletedAt = completed,
        });
        if (StepOf(run, m.ActivityName) is { } step)
            EnvironmentInventory.Apply(c.Saga, step, log.Action, outputs.GetValueOrDefault("detail"), log.CreatedBy, completed);
        return AnnounceAsync(c);
    }

    public static Task StageFailed(BehaviorContext<ProvisioningState, RoutingSlipActivityFaulted> c)
    {
        var (m, run) = (c.Message, c.Saga.Run);
        var reason = m.ExceptionInfo?.Message ?? "unknown error";
        var (started, failed) = Span(m.Timestamp, m.Duration);
        RunLedger.Update(run, m.ActivityName, s => s with { Status = StageStatus.Failed, StartedAt = started, Detail = reason });
        (run.FailedStage, run.Reason) = (m.ActivityName, reason);
        run.FailedAt[m.ActivityName] = failed;
        return AnnounceAsync(c);
    }

    /// <summary>
    /// A stage was compensated. What the compensation did comes in its own report (Courier's event does not carry it),
    /// in either order: our event goes out once both are in.
    /// </summary>
    public static Task StageCompensated(BehaviorContext<ProvisioningState, RoutingSlipActivityCompensated> c)
    {
        var (m, run) = (c.Message, c.Saga.Run);
        var (_, compensated) = Span(m.Timestamp, m.Duration);
        RunLedger.Update(run, m.ActivityName, s => s with { Status = StageStatus.Compensated, CompensatedAt = compensated });
        var known = run.Compensations.GetValueOrDefault(m.ActivityName);
        run.Compensations[m.ActivityName] = new CompensationRecord(known?.Action, known?.Detail, compensated, known?.Reported ?? false);
        return AnnounceAsync(c);
    }

    /// <summary>The first report of a compensation counts: a redelivered compensation finds its work done and would say "absent".</summary>
    public static Task CompensationReported(BehaviorContext<ProvisioningState, StageCompensationReport> c)
    {
        var (m, run) = (c.Message, c.Saga.Run);
        var known = run.Compensations.GetValueOrDefault(m.Activity);
        if (known?.Action is not null) return Task.CompletedTask;
        run.Compensations[m.Activity] = new CompensationRecord(m.Action, m.Detail, known?.CompensatedAt, false);
        return AnnounceAsync(c);
    }

    public static Task StageCompensationFailed(BehaviorContext<ProvisioningState, RoutingSlipActivityCompensationFailed> c)
    {
        var (m, run) = (c.Message, c.Saga.Run);
        var reason = m.ExceptionInfo?.Message ?? "unknown error";
        RunLedger.Update(run, m.ActivityName, s => s with { Status = StageStatus.CompensationFailed, Detail = reason });
        run.FailedAt[Compensation + m.ActivityName] = Span(m.Timestamp, m.Duration).End;
        return AnnounceAsync(c);
    }

    private const string Compensation = "compensation:";

    /// <summary>
    /// Publishes the stage events whose turn has come, in run order, whatever order Courier's events arrived in (a replica
    /// that dies holding one stage's event lets the saga learn of the next stage first): a stage's completion or failure
    /// goes out only after every earlier stage's completion, and compensations only after the failure they undo, in the
    /// order they happened. The stage records are the truth; this only decides when each event leaves.
    /// </summary>
    private static async Task AnnounceAsync(BehaviorContext<ProvisioningState> c)
    {
        var (run, environment) = (c.Saga.Run, c.Saga.Environment);
        foreach (var stage in run.Stages)
        {
            if (stage.Status == StageStatus.Failed)
            {
                if (Announce(run, $"failed:{stage.Stage}"))
                    await c.PublishEvent(new Contracts.StageFailed(run.RequestId, environment, stage.Stage, stage.Detail ?? "unknown error",
                        stage.StartedAt ?? DateTimeOffset.UtcNow, run.FailedAt.GetValueOrDefault(stage.Stage, DateTimeOffset.UtcNow)));
                break;
            }
            // Completed, or compensated since: its completion goes first, once Courier's completion event is in.
            if (stage.Status is not (StageStatus.Completed or StageStatus.Compensated or StageStatus.CompensationFailed) || stage.CompletedAt is null) return;
            if (Announce(run, $"completed:{stage.Stage}"))
                await c.PublishEvent(new Contracts.StageCompleted(run.RequestId, environment, stage.Stage, stage.Action ?? "", stage.Outputs,
                    stage.StartedAt ?? DateTimeOffset.UtcNow, stage.CompletedAt ?? DateTimeOffset.UtcNow));
        }
        if (run.FailedStage is null) return;
        foreach (var (activity, record) in run.Compensations.OrderBy(r => r.Value.CompensatedAt))
            if (record is { Action: { } action, CompensatedAt: { } at, Reported: false })
            {
                run.Compensations[activity] = record with { Reported = true };
                RunLedger.Update(run, activity, s => s with { Detail = record.Detail is null ? action : $"{action}: {record.Detail}" });
                if (StepOf(run, activity) is { } step) EnvironmentInventory.Compensated(c.Saga, step, action);
                await c.PublishEvent(new Contracts.StageCompensated(run.RequestId, environment, activity, action, record.Detail, at));
            }
        foreach (var stage in run.Stages.Where(s => s.Status == StageStatus.CompensationFailed))
            if (Announce(run, $"compensation-failed:{stage.Stage}"))
                await c.PublishEvent(new Contracts.StageCompensationFailed(run.RequestId, environment, stage.Stage, stage.Detail ?? "unknown error",
                    run.FailedAt.GetValueOrDefault(Compensation + stage.Stage, DateTimeOffset.UtcNow)));
    }

    /// <summary>True the first time: the event is due and has not gone out.</summary>
    private static bool Announce(Run run, string key)
    {
        if (run.Announced.Contains(key)) return false;
        run.Announced.Add(key);
        return true;
    }

    /// <summary>Ends the run with the outcome its ledger accounts for.</summary>
    public static Task Finish(BehaviorContext<ProvisioningState> c) => Finish(c, RunLedger.Outcome(c.Saga.Run)!.Value, DateTimeOffset.UtcNow);

    /// <summary>
    /// Ends the run: a provisioned run becomes what is applied, a deprovisioned environment has nothing applied, any other
    /// outcome leaves the applied request as it was. The outcome is stored with the request id and published.
    /// </summary>
    public static async Task Finish(BehaviorContext<ProvisioningState> c, RunOutcome outcome, DateTimeOffset now)
    {
        var (saga, run) = (c.Saga, c.Saga.Run);
        (run.Outcome, run.FinishedAt) = (outcome, now);
        run.Stages = run.Stages.Select(s => s.Status == StageStatus.Pending ? s with { Status = StageStatus.Skipped } : s).ToList();
        run.Leftovers = RunLedger.Leftovers(run);
        if (outcome == RunOutcome.Provisioned)
            saga.Applied = new AppliedRequest(run.RunId, run.RequestId, run.Request!, run.AccountId!, run.OidcIssuer ?? "", now);
        if (outcome == RunOutcome.Deprovisioned) saga.Applied = null;
        // Nothing is left half-made after these outcomes; after a failed compensation or removal the records still tell
        // which unmarked leftovers are the environment's.
        if (outcome is RunOutcome.Provisioned or RunOutcome.RolledBack or RunOutcome.Deprovisioned) saga.Pending.ForgetIntentsOf.Add(run.RunId);
        var published = OutcomeEvent(saga, run, outcome, now);
        saga.Pending.Requests.Add(new RequestRecord(run.RequestId, run.Kind, run.RunId, run.StartedAt ?? now, published.GetType().Name,
            System.Text.Json.JsonSerializer.Serialize(published, published.GetType(), CourierData.Json), now));
        if (outcome == RunOutcome.Provisioned) await DriftRecorder.RepairedByRun(c, now);
        if (outcome == RunOutcome.Deprovisioned) saga.Drift = null;
        await c.PublishEvent(published);
    }

    /// <summary>A duplicate of a finished request gets that request's outcome again (the same event, so the same id), and starts nothing.</summary>
    public static Task RepeatOutcome(BehaviorContext<ProvisioningState> c) =>
        c.Saga.Known is { OutcomeType: { } type, Outcome: { } json } && OutcomeTypes.Find(type) is { } eventType
            ? c.PublishEvent(System.Text.Json.JsonSerializer.Deserialize(json, eventType, CourierData.Json)!)
            : Task.CompletedTask;

    /// <summary>Every problem of an invalid request, before any cloud call; an environment that never ran keeps them for status.</summary>
    public static async Task Reject(BehaviorContext<ProvisioningState, ProvisionEnvironment> c)
    {
        var (saga, message, problems) = (c.Saga, c.Message, RequestChecks.ProblemsOf(c));
        if (!saga.HasRun) (saga.Environment, saga.Run.RequestId, saga.Problems) = (message.Request.Environment, message.RequestId, problems.ToList());
        c.GetServiceOrCreateInstance<ILogger<ProvisioningStateMachine>>().LogWarning("Request {RequestId} for {Environment} rejected: {Problems}",
            message.RequestId, message.Request.Environment, problems.Select(p => p.ToString()));
        var ticket = problems.Any(p => p.Field.StartsWith("ticket", StringComparison.Ordinal)) ? null : message.Request.Ticket;
        await c.PublishEvent(new EnvironmentRequestRejected(message.RequestId, message.Request.Environment, problems, DateTimeOffset.UtcNow), ticket);
    }

    public static Task RefuseWhileRunning(BehaviorContext<ProvisioningState, ProvisionEnvironment> c)
    {
        var run = c.Saga.Run;
        if (c.Message.RequestId == run.RequestId) return Task.CompletedTask; // a duplicate of the run in progress
        return c.PublishEvent(new EnvironmentRequestRejected(c.Message.RequestId, c.Saga.Environment,
            [new RequestProblem("environment", $"a run for '{c.Saga.Environment}' is in progress (request {run.RequestId}); retry when it has finished")],
            DateTimeOffset.UtcNow), c.Message.Request.Ticket);
    }

    public static Task RefuseUnknownDeprovision(ConsumeContext<DeprovisionEnvironment> c) =>
        c.PublishEvent(new EnvironmentDeprovisionFailed(c.Message.RequestId, c.Message.Environment, "plan",
            Tenancy.NoSuchEnvironment(c.Message.Environment), [], DateTimeOffset.UtcNow));

    /// <summary>Another tenant's environment: a request for its name is refused without saying whose it is.</summary>
    public static Task RefuseForeign(BehaviorContext<ProvisioningState, ProvisionEnvironment> c) =>
        c.PublishEvent(new EnvironmentRequestRejected(c.Message.RequestId, c.Message.Request.Environment,
            [new RequestProblem("environment", Tenancy.NameNotAvailable(c.Message.Request.Environment))], DateTimeOffset.UtcNow), c.Message.Request.Ticket);

    public static Task RefuseForeign(BehaviorContext<ProvisioningState, DeprovisionEnvironment> c) => RefuseUnknownDeprovision(c);

    private static object OutcomeEvent(ProvisioningState saga, Run run, RunOutcome outcome, DateTimeOffset now) => outcome switch
    {
        RunOutcome.Provisioned => new EnvironmentProvisioned(run.RequestId, saga.Environment,
            run.Stages.Where(s => !s.Stage.StartsWith(SlipStepNames.PrunePrefix, StringComparison.Ordinal))
                .ToDictionary(s => s.Stage, s => s.Outputs), now),
        RunOutcome.CompensationFailed => new EnvironmentCompensationFailed(run.RequestId, saga.Environment, run.FailedStage ?? "", run.Reason ?? "",
            run.Leftovers, now),
        RunOutcome.Deprovisioned => new EnvironmentDeprovisioned(run.RequestId, saga.Environment, run.Leftovers, now),
        RunOutcome.DeprovisionFailed => new EnvironmentDeprovisionFailed(run.RequestId, saga.Environment, run.FailedStage ?? "", run.Reason ?? "",
            run.Leftovers, now),
        _ => new EnvironmentRolledBack(run.RequestId, saga.Environment, run.FailedStage ?? "", run.Reason ?? "", now),
    };

    private static SlipStep? StepOf(Run run, string activityName) => run.Steps.FirstOrDefault(s => s.Name == activityName);

    private static DateTimeOffset Utc(DateTime timestamp) => new(DateTime.SpecifyKind(timestamp, DateTimeKind.Utc));

    /// <summary>Courier's event timestamp is when the activity <em>started</em>; it ended <paramref name="duration"/> later.</summary>
    private static (DateTimeOffset Start, DateTimeOffset End) Span(DateTime timestamp, TimeSpan duration) => (Utc(timestamp), Utc(timestamp) + duration);
}
