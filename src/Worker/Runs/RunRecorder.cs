using MassTransit;
using MassTransit.Courier.Contracts;
using Provisioner.Contracts;
using Provisioner.Worker.StateMachine;

namespace Provisioner.Worker.Runs;

/// <summary>Turns Courier's routing-slip events into stage records and our stage events, and ends runs with their outcome.</summary>
public static class RunRecorder
{
    public static async Task StageCompleted(BehaviorContext<ProvisioningState, RoutingSlipActivityCompleted> c)
    {
        var m = c.Message;
        var log = CourierData.Read<LoggedStage>(m.Data) ?? new LoggedStage(null, null);
        // Stages without a log (verify, a removal) report through routing-slip variables instead.
        if (log.Action is null)
            log = new LoggedStage(CourierData.ReadString(m.Variables, SlipVariables.StageAction),
                CourierData.ReadValue<Dictionary<string, string>>(m.Variables, SlipVariables.StageOutputs));
        var outputs = log.Outputs ?? [];
        var (started, completed) = Span(m.Timestamp, m.Duration);
        RunLedger.Update(c.Saga.Run, m.ActivityName, s => s with
        {
            Status = StageStatus.Completed,
            Action = log.Action,
            Outputs = outputs,
            StartedAt = started,
            CompletedAt = completed,
        });
        await c.Publish(new Contracts.StageCompleted(c.Saga.Run.RequestId, c.Saga.Environment, m.ActivityName, log.Action ?? "", outputs,
            started, completed));
    }

    public static async Task StageFailed(BehaviorContext<ProvisioningState, RoutingSlipActivityFaulted> c)
    {
        var (m, run) = (c.Message, c.Saga.Run);
        var reason = m.ExceptionInfo?.Message ?? "unknown error";
        var (started, failed) = Span(m.Timestamp, m.Duration);
        RunLedger.Update(run, m.ActivityName, s => s with { Status = StageStatus.Failed, StartedAt = started, Detail = reason });
        (run.FailedStage, run.Reason) = (m.ActivityName, reason);
        await c.Publish(new Contracts.StageFailed(run.RequestId, c.Saga.Environment, m.ActivityName, reason, started, failed));
    }

    public static async Task StageCompensated(BehaviorContext<ProvisioningState, RoutingSlipActivityCompensated> c)
    {
        var m = c.Message;
        var action = CourierData.ReadString(m.Variables, SlipVariables.CompensationAction) ?? "compensated";
        var detail = CourierData.ReadString(m.Variables, SlipVariables.CompensationDetail);
        var (_, compensated) = Span(m.Timestamp, m.Duration);
        RunLedger.Update(c.Saga.Run, m.ActivityName, s => s with
        {
            Status = StageStatus.Compensated,
            CompensatedAt = compensated,
            Detail = detail is null ? action : $"{action}: {detail}",
        });
        await c.Publish(new Contracts.StageCompensated(c.Saga.Run.RequestId, c.Saga.Environment, m.ActivityName, action, detail, compensated));
    }

    public static async Task StageCompensationFailed(BehaviorContext<ProvisioningState, RoutingSlipActivityCompensationFailed> c)
    {
        var m = c.Message;
        var reason = m.ExceptionInfo?.Message ?? "unknown error";
        RunLedger.Update(c.Saga.Run, m.ActivityName, s => s with { Status = StageStatus.CompensationFailed, Detail = reason });
        await c.Publish(new Contracts.StageCompensationFailed(c.Saga.Run.RequestId, c.Saga.Environment, m.ActivityName, reason,
            Span(m.Timestamp, m.Duration).End));
    }

    /// <summary>Ends the run with the outcome its ledger accounts for, remembers it, and publishes it.</summary>
    public static Task Finish(BehaviorContext<ProvisioningState> c) => Finish(c, RunLedger.Outcome(c.Saga.Run)!.Value, DateTimeOffset.UtcNow);

    public static Task Finish(BehaviorContext<ProvisioningState> c, RunOutcome outcome, DateTimeOffset now)
    {
        var (saga, run) = (c.Saga, c.Saga.Run);
        (run.Outcome, run.FinishedAt) = (outcome, now);
        run.Stages = run.Stages.Select(s => s.Status == StageStatus.Pending ? s with { Status = StageStatus.Skipped } : s).ToList();
        run.Leftovers = RunLedger.Leftovers(run);
        var summary = new RunSummary(run.RequestId, outcome, run.FailedStage, run.Reason, now);
        saga.History.Add(summary);
        if (saga.History.Count > 20) saga.History.RemoveAt(0);
        return PublishOutcome(c, summary);
    }

    /// <summary>A duplicate of a finished request gets that request's outcome again, and starts nothing.</summary>
    public static Task RepeatOutcome(BehaviorContext<ProvisioningState, ProvisionEnvironment> c) =>
        PublishOutcome(c, c.Saga.History.Last(h => h.RequestId == c.Message.RequestId));

    private static Task PublishOutcome(BehaviorContext<ProvisioningState> c, RunSummary summary)
    {
        var (saga, run, id, now) = (c.Saga, c.Saga.Run, summary.RequestId, DateTimeOffset.UtcNow);
        return summary.Outcome switch
        {
            RunOutcome.Provisioned => c.Publish(new EnvironmentProvisioned(id, saga.Environment, run.Stages.ToDictionary(s => s.Stage, s => s.Outputs), now)),
            RunOutcome.CompensationFailed => c.Publish(new EnvironmentCompensationFailed(id, saga.Environment, run.FailedStage ?? "",
                run.Reason ?? "", run.Leftovers, now)),
            RunOutcome.Deprovisioned => c.Publish(new EnvironmentDeprovisioned(id, saga.Environment, run.Leftovers, now)),
            RunOutcome.DeprovisionFailed => c.Publish(new EnvironmentDeprovisionFailed(id, saga.Environment, run.FailedStage ?? "",
                run.Reason ?? "", run.Leftovers, now)),
            _ => c.Publish(new EnvironmentRolledBack(id, saga.Environment, run.FailedStage ?? "", run.Reason ?? "", now)),
        };
    }

    /// <summary>Every problem of an invalid request, before any cloud call; the first request of an environment keeps them for status.</summary>
    public static async Task Reject(BehaviorContext<ProvisioningState, ProvisionEnvironment> c)
    {
        var (saga, message, problems) = (c.Saga, c.Message, RequestChecks.ProblemsOf(c));
        if (saga.History.Count == 0) (saga.Environment, saga.Run.RequestId, saga.Problems) = (message.Request.Environment, message.RequestId, problems.ToList());
        c.GetServiceOrCreateInstance<ILogger<ProvisioningStateMachine>>().LogWarning("Request {RequestId} for {Environment} rejected: {Problems}",
            message.RequestId, message.Request.Environment, problems.Select(p => p.ToString()));
        await c.Publish(new EnvironmentRequestRejected(message.RequestId, message.Request.Environment, problems, DateTimeOffset.UtcNow));
    }

    public static Task RefuseWhileRunning(BehaviorContext<ProvisioningState, ProvisionEnvironment> c)
    {
        var run = c.Saga.Run;
        if (c.Message.RequestId == run.RequestId) return Task.CompletedTask; // a duplicate of the run in progress
        return c.Publish(new EnvironmentRequestRejected(c.Message.RequestId, c.Saga.Environment,
            [new RequestProblem("environment", $"a run for '{c.Saga.Environment}' is in progress (request {run.RequestId}); retry when it has finished")],
            DateTimeOffset.UtcNow));
    }

    public static Task RefuseUnknownDeprovision(ConsumeContext<DeprovisionEnvironment> c) =>
        c.Publish(new EnvironmentDeprovisionFailed(c.Message.RequestId, c.Message.Environment, "plan",
            $"there is no environment named '{c.Message.Environment}'", [], DateTimeOffset.UtcNow));

    private static DateTimeOffset Utc(DateTime timestamp) => new(DateTime.SpecifyKind(timestamp, DateTimeKind.Utc));

    /// <summary>Courier's event timestamp is when the activity <em>started</em>; it ended <paramref name="duration"/> later.</summary>
    private static (DateTimeOffset Start, DateTimeOffset End) Span(DateTime timestamp, TimeSpan duration) => (Utc(timestamp), Utc(timestamp) + duration);
}
