namespace Provisioner.Worker.Stages;

/// <summary>One stage's exceptions to the <see cref="StageOptions"/> defaults; unset = the default.</summary>
public sealed record StageOverride
{
    public TimeSpan? Deadline { get; init; }

    public int? ConcurrentMessageLimit { get; init; }
}
