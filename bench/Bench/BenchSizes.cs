namespace Provisioner.Bench;

/// <summary>How many environments each phase runs. The full run takes minutes; the quick one is a smoke test of the bench.</summary>
public sealed record BenchSizes
{
    public required int WarmUp { get; init; }
    public required int Rounds { get; init; }
    public required int LatencyBlock { get; init; }
    public required int RunbookLatencyBlock { get; init; }
    public required int Concurrency8Block { get; init; }
    public required int Concurrency32Block { get; init; }
    public required int RunbookConcurrency8Block { get; init; }
    public required int PollStudyLatencyBlock { get; init; }
    public required int PollStudyConcurrentBlock { get; init; }
    public required int MemoryBlock { get; init; }
    public required int MemoryFirstMark { get; init; }
    public required int MemoryLastMark { get; init; }
    public required int RealisticRounds { get; init; }
    public required int RealisticLatencyBlock { get; init; }
    public required int Realistic32Block { get; init; }
    public required int ThrottledBatch { get; init; }

    public static readonly BenchSizes FullRun = new()
    {
        WarmUp = 40,
        Rounds = 4,
        LatencyBlock = 60,
        RunbookLatencyBlock = 5,
        Concurrency8Block = 200,
        Concurrency32Block = 320,
        RunbookConcurrency8Block = 16,
        PollStudyLatencyBlock = 30,
        PollStudyConcurrentBlock = 256,
        MemoryBlock = 100,
        MemoryFirstMark = 100,
        MemoryLastMark = 1000,
        RealisticRounds = 4,
        RealisticLatencyBlock = 8,
        Realistic32Block = 96,
        ThrottledBatch = 300,
    };

    /// <summary>Small enough for under three minutes on a quiet 2-core machine (./bench.sh --quick, run by a test).</summary>
    public static readonly BenchSizes QuickRun = new()
    {
        WarmUp = 5,
        Rounds = 2,
        LatencyBlock = 8,
        RunbookLatencyBlock = 1,
        Concurrency8Block = 24,
        Concurrency32Block = 48,
        RunbookConcurrency8Block = 0,
        PollStudyLatencyBlock = 4,
        PollStudyConcurrentBlock = 32,
        MemoryBlock = 50,
        MemoryFirstMark = 50,
        MemoryLastMark = 100,
        RealisticRounds = 2,
        RealisticLatencyBlock = 2,
        Realistic32Block = 32,
        ThrottledBatch = 40,
    };
}
