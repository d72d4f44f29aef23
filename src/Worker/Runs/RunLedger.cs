using Provisioner.Contracts;
using Provisioner.Worker.StateMachine;

namespace Provisioner.Worker.Runs;

/// <summary>
/// The bookkeeping of one run, free of MassTransit: stage records, and when the run has ended. Courier's events may
/// arrive in any order, so the outcome is only declared once every stage event it implies has been recorded.
/// </summary>
public static class RunLedger
{
    public const string Completed = "completed";
    public const string Faulted = "faulted";
    public const string CompensationFailed = "compensation-failed";

    public const string Pending = "pending";
    public const string Failed = "failed";
    public const string Compensated = "compensated";
    public const string Skipped = "skipped";

    public const string OutcomeProvisioned = "provisioned";
    public const string OutcomeRolledBack = "rolled-back";
    public const string OutcomeCompensationFailed = "compensation-failed";
    public const string OutcomeDeprovisioned = "deprovisioned";
    public const string OutcomeDeprovisionFailed = "deprovision-failed";

    public const string KindProvision = "provision";
    public const string KindDeprovision = "deprovision";

    public static void Begin(ProvisioningState saga, IReadOnlyList<string> stages, Guid trackingNumber, DateTimeOffset now)
    {
        saga.Stages = stages.Select(s => new StageRecord(s, Pending, null, new Dictionary<string, string>(), null, null, null, null)).ToList();
        saga.TrackingNumber = trackingNumber;
        saga.SlipOutcome = null;
        saga.Outcome = null;
        saga.FailedStage = null;
        saga.Reason = null;
        saga.Leftovers = [];
        saga.FinishedAt = null;
        saga.StartedAt ??= now;
    }

    public static StageRecord? Find(ProvisioningState saga, string stage) => saga.Stages.FirstOrDefault(s => s.Stage == stage);

    public static void Update(ProvisioningState saga, string stage, Func<StageRecord, StageRecord> change)
    {
        var index = saga.Stages.FindIndex(s => s.Stage == stage);
        if (index >= 0) saga.Stages[index] = change(saga.Stages[index]);
    }

    /// <summary>The outcome, once Courier's final event and every stage event it implies are in; otherwise null.</summary>
    public static string? Outcome(ProvisioningState saga)
    {
        var statuses = saga.Stages.Select(s => s.Status).ToList();
        if (saga.RunKind == KindDeprovision)
            return saga.SlipOutcome switch
            {
                Completed when statuses.All(s => s == Completed) => OutcomeDeprovisioned,
                Faulted when statuses.Contains(Failed) => OutcomeDeprovisionFailed,
                _ => null,
            };
        return saga.SlipOutcome switch
        {
            Completed when statuses.All(s => s == Completed) => OutcomeProvisioned,
            Faulted when statuses.Contains(Failed) && !statuses.Contains(Completed) => OutcomeRolledBack,
            CompensationFailed when statuses.Contains(Failed) && statuses.Contains(CompensationFailed) => OutcomeCompensationFailed,
            _ => null,
        };
    }

    /// <summary>The stage a run is waiting on: the first not done, or while compensating, the last one done.</summary>
    public static string? InFlightStage(ProvisioningState saga) => saga.FailedStage is null
        ? saga.Stages.FirstOrDefault(s => s.Status != Completed)?.Stage
        : saga.Stages.LastOrDefault(s => s.Status == Completed)?.Stage ?? saga.FailedStage;

    /// <summary>Where a run that is being failed stops: the stage that failed, else the first not done, else the last.</summary>
    public static string StalledStage(ProvisioningState saga) =>
        saga.FailedStage ?? saga.Stages.FirstOrDefault(s => s.Status != Completed)?.Stage ?? saga.Stages[^1].Stage;

    /// <summary>What deprovisioning kept on purpose (the bucket, unless deleteData), by stage.</summary>
    public static List<string> Retained(ProvisioningState saga) => saga.Stages
        .Where(s => s.Action == "retained")
        .Select(s => $"{s.Stage}: {s.Outputs.GetValueOrDefault("name") ?? s.Stage} ({s.Outputs.GetValueOrDefault("detail")})")
        .ToList();

    /// <summary>What a failed deprovisioning left: the failed stage and every one it did not reach.</summary>
    public static List<string> Remaining(ProvisioningState saga) => saga.Stages
        .Where(s => s.Status is not Completed)
        .Select(s => s.Stage)
        .ToList();

    /// <summary>What is still there after a failed compensation: every stage done and not undone.</summary>
    public static List<string> Leftovers(ProvisioningState saga) => saga.Stages
        .Where(s => s.Status is Completed or CompensationFailed)
        .Select(s => s.Outputs.TryGetValue("arn", out var arn) ? $"{s.Stage}: {arn}"
            : s.Outputs.TryGetValue("name", out var name) ? $"{s.Stage}: {name}" : s.Stage)
        .ToList();
}
