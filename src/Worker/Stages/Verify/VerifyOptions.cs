namespace Provisioner.Worker.Stages.Verify;

/// <summary>Bound from <c>Verify</c>.</summary>
public sealed record VerifyOptions
{
    public const string Section = "Verify";

    /// <summary><c>Auto</c>: assume the role with a ServiceAccount token and probe the bucket when the worker manages the
    /// ServiceAccount; <c>Off</c>: document checks only.</summary>
    public string ActiveProbe { get; init; } = "Auto";

    /// <summary>IAM is eventually consistent: a new role or policy may take seconds to apply. Attempts, with backoff.</summary>
    public int ProbeAttempts { get; init; } = 8;

    public TimeSpan ProbeInitialBackoff { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan ProbeMaxBackoff { get; init; } = TimeSpan.FromSeconds(10);
}
