using Provisioner.FaultProxy;

namespace Provisioner.Bench;

/// <summary>Everything one invocation measured, for the report.</summary>
public sealed class BenchResults
{
    public List<BlockResult> Blocks { get; } = [];

    public bool Quick { get; init; }

    /// <summary>Phase (c): the limit the proxy put on IAM; null when the phase did not run.</summary>
    public RateLimit? IamLimit { get; set; }

    public List<MemoryPoint> Memory { get; } = [];

    /// <summary>The long-lived worker of the latency and throughput phases, at the end: environments done, RSS, peak.</summary>
    public MemoryPoint? MainWorkerAtEnd { get; set; }

    public TimeSpan Duration { get; set; }

    public DateTimeOffset StartedAt { get; } = DateTimeOffset.UtcNow;

    public IEnumerable<BlockResult> Of(string phase, string mode) => Blocks.Where(b => b.Phase == phase && b.Mode == mode);
}
