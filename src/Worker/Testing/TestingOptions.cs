namespace Provisioner.Worker.Testing;

/// <summary>
/// Bound from <c>Testing</c>: knobs for the crash and failure tests only. Every one is off by default, and the worker
/// refuses to start with any of them set unless its environment is <c>Testing</c> (<c>DOTNET_ENVIRONMENT=Testing</c>).
/// </summary>
public sealed record TestingOptions
{
    public const string Section = "Testing";
    public const string Environment = "Testing";

    /// <summary>Every stage call waits this long first (zero = off), so a test can kill a worker mid-stage.</summary>
    public TimeSpan StageDelay { get; init; } = TimeSpan.Zero;

    /// <summary>The process ends abruptly (SIGKILL of itself) right before its Nth mutating call to AWS, Kubernetes or helm (0 = off).</summary>
    public int CrashBeforeMutation { get; init; }

    /// <summary>The process ends abruptly right after its Nth mutating call returned, before its answer is used (0 = off).</summary>
    public int CrashAfterMutation { get; init; }

    /// <summary>Every mutating call is written to stdout with its number, so a test can enumerate the crash points of a run.</summary>
    public bool RecordMutations { get; init; }

    /// <summary>This stage fails terminally before it acts (a run that must compensate), empty = off.</summary>
    public string? FailStage { get; init; }

    public bool AnySet => StageDelay > TimeSpan.Zero || CrashBeforeMutation > 0 || CrashAfterMutation > 0 || RecordMutations
        || !string.IsNullOrEmpty(FailStage);

    public bool WatchesMutations => CrashBeforeMutation > 0 || CrashAfterMutation > 0 || RecordMutations;
}
