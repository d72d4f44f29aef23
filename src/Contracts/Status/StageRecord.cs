namespace Provisioner.Contracts;

/// <summary>One stage of a run.</summary>
public sealed record StageRecord(
    string Stage, StageStatus Status, string? Action, IReadOnlyDictionary<string, string> Outputs, DateTimeOffset? StartedAt,
    DateTimeOffset? CompletedAt, DateTimeOffset? CompensatedAt, string? Detail);
