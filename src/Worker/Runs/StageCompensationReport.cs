namespace Provisioner.Worker.Runs;

/// <summary>
/// From a stage's compensation to its saga: what it did (<c>deleted</c>, <c>restored</c>, <c>retained</c>,
/// <c>absent</c>) and the detail. Courier's own compensated event carries no result, so the activity says it here.
/// </summary>
public sealed record StageCompensationReport(Guid CorrelationId, Guid TrackingNumber, string Activity, string Action, string? Detail);
