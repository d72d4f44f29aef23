namespace Provisioner.Worker.Runs;

public sealed record RunSummary(Guid RequestId, string Outcome, string? FailedStage, string? Reason, DateTimeOffset FinishedAt);
