using Provisioner.Contracts;

namespace Provisioner.Worker.Runs;

/// <summary>
/// The bookkeeping of one run, free of MassTransit: stage records, and when the run has ended. Courier's events may
/// arrive in any order, so the outcome is only declared once every stage event it implies has been recorded.
/// </summary>
public static class RunLedger
{
    public static void Begin(Run run, IReadOnlyList<SlipStep> steps, Guid trackingNumber, DateTimeOffset now)
    {
        run.Steps = steps.ToList();
        run.Stages = steps.Select(s => new StageRecord(s.Name, StageStatus.Pending, null, new Dictionary<string, string>(), null, null, null, null)).ToList();
        run.TrackingNumber = trackingNumber;
        run.Compensations = [];
        (run.Announced, run.FailedAt) = ([], []);
        (run.Slip, run.Outcome, run.FailedStage, run.Reason, run.Leftovers, run.FinishedAt) = (null, null, null, null, [], null);
        run.StartedAt ??= now;
    }

    public static void Update(Run run, string stage, Func<StageRecord, StageRecord> change)
    {
        var index = run.Stages.FindIndex(s => s.Stage == stage);
        if (index >= 0) run.Stages[index] = change(run.Stages[index]);
    }

    /// <summary>The outcome, once Courier's final event and every stage event it implies are in; otherwise null.</summary>
    public static RunOutcome? Outcome(Run run)
    {
        // A compensation is accounted for once its own report (what it did) is in as well as Courier's event.
        if (run.Stages.Any(s => s.Status == StageStatus.Compensated && run.Compensations.GetValueOrDefault(s.Stage) is not { Reported: true }))
            return null;
        var statuses = run.Stages.Select(s => s.Status).ToList();
        if (run.Kind == RunKind.Deprovision)
            return run.Slip switch
            {
                SlipOutcome.Completed when statuses.All(s => s == StageStatus.Completed) => RunOutcome.Deprovisioned,
                SlipOutcome.Faulted when statuses.Contains(StageStatus.Failed) => RunOutcome.DeprovisionFailed,
                _ => null,
            };
        return run.Slip switch
        {
            SlipOutcome.Completed when statuses.All(s => s == StageStatus.Completed) => RunOutcome.Provisioned,
            SlipOutcome.Faulted when statuses.Contains(StageStatus.Failed) && !statuses.Contains(StageStatus.Completed) => RunOutcome.RolledBack,
            SlipOutcome.CompensationFailed when statuses.Contains(StageStatus.Failed) && statuses.Contains(StageStatus.CompensationFailed)
                => RunOutcome.CompensationFailed,
            _ => null,
        };
    }

    /// <summary>The stage a run is waiting on: the first not done, or while compensating, the last one done.</summary>
    public static string? InFlightStage(Run run) => run.FailedStage is null
        ? run.Stages.FirstOrDefault(s => s.Status != StageStatus.Completed)?.Stage
        : run.Stages.LastOrDefault(s => s.Status == StageStatus.Completed)?.Stage ?? run.FailedStage;

    /// <summary>Where a run that is being failed stops: the stage that failed, else the first not done, else the last.</summary>
    public static string StalledStage(Run run) =>
        run.FailedStage ?? run.Stages.FirstOrDefault(s => s.Status != StageStatus.Completed)?.Stage ?? run.Stages[^1].Stage;

    /// <summary>What the run left behind, by its outcome: what a prune or a deprovisioning kept on purpose, resources after a
    /// failed compensation, stages after a failed deprovisioning.</summary>
    public static List<string> Leftovers(Run run) => run.Outcome switch
    {
        RunOutcome.Provisioned => run.Stages
            .Where(s => s.Stage.StartsWith(SlipStepNames.PrunePrefix, StringComparison.Ordinal) && s.Action == Stages.Reconciler.Retained)
            .Select(s => $"{s.Stage}: {s.Outputs.GetValueOrDefault("name") ?? s.Stage} ({s.Outputs.GetValueOrDefault("detail")})")
            .ToList(),
        RunOutcome.CompensationFailed => run.Stages
            .Where(s => s.Status is StageStatus.Completed or StageStatus.CompensationFailed)
            .Select(s => s.Outputs.TryGetValue("arn", out var arn) ? $"{s.Stage}: {arn}"
                : s.Outputs.TryGetValue("name", out var name) ? $"{s.Stage}: {name}" : s.Stage)
            .ToList(),
        RunOutcome.DeprovisionFailed => run.Stages.Where(s => s.Status is not StageStatus.Completed).Select(s => s.Stage).ToList(),
        RunOutcome.Deprovisioned => run.Stages
            .Where(s => s.Action == "retained")
            .Select(s => $"{s.Stage}: {s.Outputs.GetValueOrDefault("name") ?? s.Stage} ({s.Outputs.GetValueOrDefault("detail")})")
            .ToList(),
        _ => [],
    };
}
