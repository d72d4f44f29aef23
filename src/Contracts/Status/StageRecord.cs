namespace Provisioner.Contracts;

/// <summary>One stage of a run: <paramref name="Status"/> is pending, completed, failed, compensated, compensation-failed, or skipped (never reached).</summary>
public sealed record StageRecord(
    string Stage, string Status, string? Action, IReadOnlyDictionary<string, string> Outputs, DateTimeOffset? StartedAt,
    DateTimeOffset? CompletedAt, DateTimeOffset? CompensatedAt, string? Detail);
