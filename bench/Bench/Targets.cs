namespace Provisioner.Bench;

/// <summary>Issue 16's targets (and the runbook comparison of the first benchmark), measured from one run's results.</summary>
public static class Targets
{
    private const string W = WorkerDriver.Mode;
    private const string D = DirectDriver.Mode;

    public static IReadOnlyList<TargetResult> Of(BenchOptions options, BenchResults results)
    {
        var list = new List<TargetResult>
        {
            TargetResult.Of("realistic-latency-c1", "realistic latency, C=1: worker latency p50 ≤ 1.10 × direct",
                Median(results, "p1", W) / Median(results, "p1", D), "<=", 1.10, "×"),
            TargetResult.Of("moto-latency-c1", "moto direct, C=1: worker ≤ 1.3 × direct (median of the per-round ratios)",
                Stats.Median(RoundRatios(results, options.Sizes.Rounds)), "<=", 1.3, "×"),
        };
        var throttled = ThrottledFigures.Of(results);
        list.Add(TargetResult.Of("throttled-failed-runs", "throttled batch: 0 failed runs", throttled?.Failed ?? double.NaN, "<=", 0));
        list.Add(TargetResult.Of("throttled-throughput", "throttled batch: environments/s ≥ 85% of what the IAM limit permits",
            throttled?.Share ?? double.NaN, ">=", 0.85, "share"));
        list.Add(TargetResult.Of("moto-throughput-c32", "concurrency 32 on moto: worker throughput ≥ 95% of direct",
            Pooled(results, "c32", W) / Pooled(results, "c32", D), ">=", 0.95, "share"));
        var workerCpu = PhaseFigures.Of(results, "c32", W)?.CpuMsPerEnvironment ?? double.NaN;
        var directCpu = PhaseFigures.Of(results, "c32", D)?.CpuMsPerEnvironment ?? double.NaN;
        list.Add(TargetResult.Of("cpu-per-environment", "worker CPU per environment ≤ 1.5 × the direct client's (moto, C=32)",
            workerCpu / directCpu, "<=", 1.5, "×"));
        var first = results.Memory.LastOrDefault(m => m.Settled && m.Environments == options.Sizes.MemoryFirstMark);
        var last = results.Memory.LastOrDefault(m => m.Settled && m.Environments == options.Sizes.MemoryLastMark);
        list.Add(TargetResult.Of("rss-after-last", $"RSS after {options.Sizes.MemoryLastMark:N0} environments ≤ 200 MB",
            last is null ? double.NaN : last.RssMiB * 1.048576, "<=", 200, "MB"));
        list.Add(TargetResult.Of("rss-growth", $"RSS after {options.Sizes.MemoryLastMark:N0} within 10% of RSS after {options.Sizes.MemoryFirstMark:N0}",
            first is null || last is null ? double.NaN : Math.Abs(last.RssMiB / first.RssMiB - 1), "<=", 0.10, "share"));
        list.Add(TargetResult.Of("runbook-over-worker-c1", "runbook/worker latency p50 at C=1 ≥ 50 (the first benchmark's)",
            Median(results, "c1", RunbookDriver.Mode) / Median(results, "c1", W), ">=", 50, "×"));
        return list;
    }

    /// <summary>worker/direct latency p50 at C=1 on moto, per round: each from blocks that ran next to each other.</summary>
    public static IReadOnlyList<double> RoundRatios(BenchResults results, int rounds) =>
        [.. Enumerable.Range(0, rounds)
            .Select(round => RoundMedian(results, "c1", W, round) / RoundMedian(results, "c1", D, round))
            .Where(ratio => !double.IsNaN(ratio))];

    private static double RoundMedian(BenchResults results, string phase, string mode, int round) =>
        Stats.Median(results.Of(phase, mode).Where(b => b.Round == round).SelectMany(b => b.Latencies));

    private static double Median(BenchResults results, string phase, string mode) => Stats.Median(results.Of(phase, mode).SelectMany(b => b.Latencies));

    private static double Pooled(BenchResults results, string phase, string mode)
    {
        var blocks = results.Of(phase, mode).ToList();
        return blocks.Count == 0 ? double.NaN : blocks.Sum(b => b.Samples.Count) / blocks.Sum(b => b.WallSeconds);
    }
}
