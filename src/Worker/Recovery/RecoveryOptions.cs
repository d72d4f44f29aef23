namespace Provisioner.Worker.Recovery;

/// <summary>Bound from <c>Recovery</c>: how often stalled runs are looked for, and how often one is re-driven before it is failed.</summary>
public sealed record RecoveryOptions
{
    public const string Section = "Recovery";

    public TimeSpan SweepInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Attempts of one run (the first included); a stall after the last one fails the run into compensation.</summary>
    public int MaxAttempts { get; init; } = 3;
}
