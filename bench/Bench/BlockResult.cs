namespace Provisioner.Bench;

/// <summary>
/// One block: a number of environments of one mode at one concurrency, against a freshly reset moto (directly or
/// through the fault proxy), with the CPU the worker, moto and this process used meanwhile, the AWS requests answered
/// (and how many of them the proxy throttled), and the peak RSS of the worker and of this process at its end.
/// <see cref="Observe"/> says how a worker block's client learnt outcomes (<c>wait</c>, or <c>poll N ms</c>).
/// </summary>
public sealed record BlockResult(string Mode, string Phase, int Concurrency, int Round, string? Observe, IReadOnlyList<EnvSample> Samples,
    double WallSeconds, double WorkerCpuSeconds, double MotoCpuSeconds, double BenchCpuSeconds, long AwsRequests)
{
    public IEnumerable<EnvSample> Succeeded => Samples.Where(s => s.Error is null);

    public IEnumerable<double> Latencies => Succeeded.Select(s => s.LatencyMs);

    public int Failures => Samples.Count(s => s.Error is not null);

    public double Throughput => Samples.Count / WallSeconds;

    /// <summary>The machine's 1-minute load average at the end of the block: other processes compete for the same CPUs.</summary>
    public double LoadAverage { get; init; } = double.NaN;

    /// <summary>Requests the fault proxy answered with a throttling error (0 against moto directly).</summary>
    public long AwsThrottled { get; init; }

    /// <summary>AWS requests per service (the proxy's counts; empty against moto directly).</summary>
    public IReadOnlyDictionary<string, long> AwsRequestsByService { get; init; } = new Dictionary<string, long>();

    /// <summary>Requests that passed the proxy per "service:Call", to tell how many of an environment's calls a limit applies to.</summary>
    public IReadOnlyDictionary<string, long> PassedByCall { get; init; } = new Dictionary<string, long>();

    /// <summary>VmHWM of the worker process serving the block, and of this process (the direct client), in MiB.</summary>
    public double WorkerPeakMiB { get; init; } = double.NaN;

    public double BenchPeakMiB { get; init; } = double.NaN;
}
