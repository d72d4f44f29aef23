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
    };

    public static readonly BenchSizes QuickRun = new()
    {
        WarmUp = 10,
        Rounds = 2,
        LatencyBlock = 12,
        RunbookLatencyBlock = 2,
        Concurrency8Block = 40,
        Concurrency32Block = 64,
        RunbookConcurrency8Block = 8,
        PollStudyLatencyBlock = 8,
        PollStudyConcurrentBlock = 64,
        MemoryBlock = 50,
        MemoryFirstMark = 50,
        MemoryLastMark = 200,
    };
}
