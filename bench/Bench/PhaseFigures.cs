namespace Provisioner.Bench;

/// <summary>
/// The figures of one mode in one phase, pooled over its blocks: latency, throughput, CPU per environment (the worker
/// process for the worker, this process for the direct client), AWS requests per environment, failures, peak RSS.
/// </summary>
public sealed record PhaseFigures(string Phase, string Mode, int Concurrency, int Environments, double LatencyP50Ms, double LatencyP95Ms,
    double Throughput, double CpuMsPerEnvironment, double AwsRequestsPerEnvironment, double ThrottledPerEnvironment, int Failed, double PeakRssMiB)
{
    public static PhaseFigures? Of(BenchResults results, string phase, string mode)
    {
        var blocks = results.Of(phase, mode).ToList();
        if (blocks.Count == 0) return null;
        var n = blocks.Sum(b => b.Samples.Count);
        var latencies = blocks.SelectMany(b => b.Latencies).ToList();
        var cpu = mode == WorkerDriver.Mode ? blocks.Sum(b => b.WorkerCpuSeconds) : blocks.Sum(b => b.BenchCpuSeconds);
        var requests = blocks.Sum(b => b.AwsRequests);
        return new PhaseFigures(phase, mode, blocks[0].Concurrency, n, Stats.Median(latencies), Stats.Percentile(latencies, 95),
            n / blocks.Sum(b => b.WallSeconds), cpu * 1000 / n, requests == 0 ? double.NaN : (double)requests / n,
            (double)blocks.Sum(b => b.AwsThrottled) / n, blocks.Sum(b => b.Failures),
            mode == WorkerDriver.Mode ? blocks.Max(b => b.WorkerPeakMiB) : blocks.Max(b => b.BenchPeakMiB));
    }
}
