namespace Provisioner.Bench;

/// <summary>
/// One block: a number of environments of one mode at one concurrency, against a freshly reset moto, with the CPU the
/// worker, moto and this process used meanwhile and the AWS requests moto answered.
/// </summary>
public sealed record BlockResult(string Mode, string Phase, int Concurrency, int Round, int? PollMs, IReadOnlyList<EnvSample> Samples,
    double WallSeconds, double WorkerCpuSeconds, double MotoCpuSeconds, double BenchCpuSeconds, long MotoRequests)
{
    public IEnumerable<EnvSample> Succeeded => Samples.Where(s => s.Error is null);

    public IEnumerable<double> Latencies => Succeeded.Select(s => s.LatencyMs);

    public int Failures => Samples.Count(s => s.Error is not null);

    public double Throughput => Samples.Count / WallSeconds;

    /// <summary>The machine's 1-minute load average at the end of the block: other processes compete for the same CPUs.</summary>
    public double LoadAverage { get; init; } = double.NaN;
}
