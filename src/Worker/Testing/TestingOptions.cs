namespace Provisioner.Worker.Testing;

/// <summary>Bound from <c>Testing</c>: knobs for the crash tests only, every one off by default.</summary>
public sealed record TestingOptions
{
    public const string Section = "Testing";

    /// <summary>Every stage call waits this long first (zero = off), so a test can kill a worker mid-stage.</summary>
    public TimeSpan StageDelay { get; init; } = TimeSpan.Zero;
}
