namespace Provisioner.Worker.Runs;

/// <summary>
/// One compensation: what it did (null until Courier's events reveal it) and whether our <c>StageCompensated</c> event
/// for it has gone out (it waits for the result).
/// </summary>
public sealed record CompensationRecord(string? Action, string? Detail, DateTimeOffset? CompensatedAt, bool Reported);
