namespace Provisioner.Worker.Stages;

/// <summary>
/// Bounded exponential retry of a failed stage call, in process, before the stage is declared failed. It sits on top
/// of the AWS clients' own retries (<c>Aws:MaxAttempts</c>): it catches what outlasts those, such as a network outage.
/// </summary>
public sealed record StageRetryOptions
{
    public int Limit { get; init; } = 4;

    public TimeSpan MinInterval { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxInterval { get; init; } = TimeSpan.FromSeconds(30);
}
