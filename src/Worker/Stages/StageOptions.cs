namespace Provisioner.Worker.Stages;

/// <summary>
/// Bound from <c>Stages</c>: how long a stage may go without progress before the recovery sweeper steps in, how many
/// stage calls of one kind a replica runs at once, and how a failing call is retried. <see cref="PerStage"/> overrides
/// the first two by stage name (Helm's release is slower and heavier than an IAM call).
/// </summary>
public sealed record StageOptions
{
    public const string Section = "Stages";

    public TimeSpan Deadline { get; init; } = TimeSpan.FromMinutes(5);

    public int ConcurrentMessageLimit { get; init; } = 8;

    public Dictionary<string, StageOverride> PerStage { get; init; } = new(StringComparer.OrdinalIgnoreCase);

    public StageRetryOptions Retry { get; init; } = new();

    public TimeSpan DeadlineOf(string? stage) =>
        stage is not null && PerStage.TryGetValue(stage, out var o) && o.Deadline is { } d ? d : Deadline;

    public int ConcurrencyOf(string stage) =>
        PerStage.TryGetValue(stage, out var o) && o.ConcurrentMessageLimit is { } l ? l : ConcurrentMessageLimit;
}
