namespace Provisioner.Worker.Runs;

/// <summary>A finished run, kept so a duplicate of its request gets its answer again.</summary>
public sealed record RunSummary(Guid RequestId, RunOutcome Outcome, string? FailedStage, string? Reason, DateTimeOffset FinishedAt);
