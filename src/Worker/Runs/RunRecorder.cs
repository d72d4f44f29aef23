using MassTransit;
using MassTransit.Courier.Contracts;
using Provisioner.Contracts;
using Provisioner.Worker.StateMachine;

namespace Provisioner.Worker.Runs;

/// <summary>Turns Courier's routing-slip events into stage records and our stage events.</summary>
public static class RunRecorder
{
    public static async Task StageDone(BehaviorContext<ProvisioningState, RoutingSlipActivityCompleted> c)
    {
        var m = c.Message;
        var log = CourierData.Read<LoggedStage>(m.Data) ?? new LoggedStage(null, null);
        // Execute-only activities (verify) have no log: they report through routing-slip variables instead.
        if (log.Action is null)
            log = new LoggedStage(CourierData.ReadString(m.Variables, SlipVariables.StageAction),
                CourierData.ReadValue<Dictionary<string, string>>(m.Variables, SlipVariables.StageOutputs));
        var outputs = log.Outputs ?? [];
        var (started, completed) = Span(m.Timestamp, m.Duration);
        RunLedger.Update(c.Saga, m.ActivityName, s => s with
        {
            Status = RunLedger.Completed, Action = log.Action, Outputs = outputs, StartedAt = started, CompletedAt = completed,
        });
        await c.Publish(new StageCompleted(c.Saga.RequestId, c.Saga.Environment, m.ActivityName, log.Action ?? "", outputs,
            started, completed));
    }

    public static async Task StageFaulted(BehaviorContext<ProvisioningState, RoutingSlipActivityFaulted> c)
    {
        var m = c.Message;
        var reason = m.ExceptionInfo?.Message ?? "unknown error";
        var (started, failed) = Span(m.Timestamp, m.Duration);
        RunLedger.Update(c.Saga, m.ActivityName, s => s with { Status = RunLedger.Failed, StartedAt = started, Detail = reason });
        c.Saga.FailedStage = m.ActivityName;
        c.Saga.Reason = reason;
        await c.Publish(new StageFailed(c.Saga.RequestId, c.Saga.Environment, m.ActivityName, reason, started, failed));
    }

    public static async Task StageUndone(BehaviorContext<ProvisioningState, RoutingSlipActivityCompensated> c)
    {
        var m = c.Message;
        var action = CourierData.ReadString(m.Variables, SlipVariables.CompensationAction) ?? "compensated";
        var detail = CourierData.ReadString(m.Variables, SlipVariables.CompensationDetail);
        var (_, compensated) = Span(m.Timestamp, m.Duration);
        RunLedger.Update(c.Saga, m.ActivityName, s => s with
        {
            Status = RunLedger.Compensated, CompensatedAt = compensated, Detail = detail is null ? action : $"{action}: {detail}",
        });
        await c.Publish(new StageCompensated(c.Saga.RequestId, c.Saga.Environment, m.ActivityName, action, detail, compensated));
    }

    public static async Task StageUndoFailed(BehaviorContext<ProvisioningState, RoutingSlipActivityCompensationFailed> c)
    {
        var m = c.Message;
        var reason = m.ExceptionInfo?.Message ?? "unknown error";
        RunLedger.Update(c.Saga, m.ActivityName, s => s with { Status = RunLedger.CompensationFailed, Detail = reason });
        await c.Publish(new StageCompensationFailed(c.Saga.RequestId, c.Saga.Environment, m.ActivityName, reason, Span(m.Timestamp, m.Duration).End));
    }

    public static async Task Finish(BehaviorContext<ProvisioningState> c)
    {
        var saga = c.Saga;
        var now = DateTimeOffset.UtcNow;
        saga.FinishedAt = now;
        saga.Stages = saga.Stages.Select(s => s.Status == RunLedger.Pending ? s with { Status = RunLedger.Skipped } : s).ToList();
        saga.Leftovers = saga.Outcome switch
        {
            RunLedger.OutcomeCompensationFailed => RunLedger.Leftovers(saga),
            RunLedger.OutcomeDeprovisionFailed => RunLedger.Remaining(saga),
            RunLedger.OutcomeDeprovisioned => RunLedger.Retained(saga),
            _ => [],
        };
        saga.History.Add(new RunSummary(saga.RequestId, saga.Outcome!, saga.FailedStage, saga.Reason, now));
        if (saga.History.Count > 20) saga.History.RemoveAt(0);
        await PublishOutcome(c, saga.RequestId, saga.Outcome!);
    }

    /// <summary>The final event of a run; also the answer to a duplicate of a finished request.</summary>
    public static Task PublishOutcome(BehaviorContext<ProvisioningState> c, Guid requestId, string outcome)
    {
        var saga = c.Saga;
        var now = DateTimeOffset.UtcNow;
        return outcome switch
        {
            RunLedger.OutcomeProvisioned => c.Publish(new EnvironmentProvisioned(requestId, saga.Environment,
                saga.Stages.ToDictionary(s => s.Stage, s => s.Outputs), now)),
            RunLedger.OutcomeCompensationFailed => c.Publish(new EnvironmentCompensationFailed(requestId, saga.Environment,
                saga.FailedStage ?? "", saga.Reason ?? "", saga.Leftovers, now)),
            "rejected" => c.Publish(new EnvironmentRequestRejected(requestId, saga.Environment, saga.Problems, now)),
            RunLedger.OutcomeDeprovisioned => c.Publish(new EnvironmentDeprovisioned(requestId, saga.Environment, saga.Leftovers, now)),
            RunLedger.OutcomeDeprovisionFailed => c.Publish(new EnvironmentDeprovisionFailed(requestId, saga.Environment,
                saga.FailedStage ?? "", saga.Reason ?? "", saga.Leftovers, now)),
            _ => c.Publish(new EnvironmentRolledBack(requestId, saga.Environment, saga.FailedStage ?? "", saga.Reason ?? "", now)),
        };
    }

    public static Task RefuseWhileRunning(BehaviorContext<ProvisioningState, ProvisionEnvironment> c)
    {
        if (c.Message.RequestId == c.Saga.RequestId) return Task.CompletedTask; // a duplicate of the run in progress
        return c.Publish(new EnvironmentRequestRejected(c.Message.RequestId, c.Saga.Environment,
            [new RequestProblem("environment", $"a run for '{c.Saga.Environment}' is in progress (request {c.Saga.RequestId}); retry when it has finished")],
            DateTimeOffset.UtcNow));
    }

    private static DateTimeOffset Utc(DateTime timestamp) => new(DateTime.SpecifyKind(timestamp, DateTimeKind.Utc));

    /// <summary>Courier's event timestamp is when the activity <em>started</em>; it ended <paramref name="duration"/> later.</summary>
    private static (DateTimeOffset Start, DateTimeOffset End) Span(DateTime timestamp, TimeSpan duration) => (Utc(timestamp), Utc(timestamp) + duration);
}
