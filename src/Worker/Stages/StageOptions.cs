namespace Provisioner.Worker.Stages;

/// <summary>
/// Bound from <c>Stages</c>: how long a stage may go without progress before the recovery sweeper steps in, how many
/// stage calls of one kind a replica runs at once, and how a failing call is retried. <see cref="PerStage"/> overrides
/// the first two by stage name, over the stage's own defaults in the <see cref="StageCatalogue"/>.
/// </summary>
public sealed record StageOptions
{
    public const string Section = "Stages";

    public TimeSpan Deadline { get; init; } = TimeSpan.FromMinutes(5);

    public int ConcurrentMessageLimit { get; init; } = 8;

    public Dictionary<string, StageOverride> PerStage { get; init; } = new(StringComparer.OrdinalIgnoreCase);

    public StageRetryOptions Retry { get; init; } = new();

    /// <summary>Configuration for the stage, else the stage's own default (<see cref="IStage.Defaults"/>), else <see cref="Deadline"/>.</summary>
    public TimeSpan DeadlineOf(string? stage) => Override(stage)?.Deadline ?? StageCatalogue.Find(stage)?.Defaults.Deadline ?? Deadline;

    public int ConcurrencyOf(string stage) =>
        Override(stage)?.ConcurrentMessageLimit ?? StageCatalogue.Find(stage)?.Defaults.ConcurrentMessageLimit ?? ConcurrentMessageLimit;

    private StageOverride? Override(string? stage) => stage is not null && PerStage.TryGetValue(stage, out var o) ? o : null;
}
