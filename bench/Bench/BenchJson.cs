using System.Text.Json;
using System.Text.Json.Serialization;

namespace Provisioner.Bench;

/// <summary>
/// Every figure of a run as JSON, for a check to read: per phase and mode (null where a phase did not run), every
/// block, memory, the throttled batch, and the targets as <c>{name, measured, goal, met}</c>.
/// </summary>
public static class BenchJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static string Write(BenchOptions options, BenchResults results, IReadOnlyList<TargetResult> targets)
    {
        string[] phases = ["c1", "c8", "c32", "p1", "p32", "throttled"];
        string[] modes = [WorkerDriver.Mode, DirectDriver.Mode, RunbookDriver.Mode];
        var throttled = ThrottledFigures.Of(results);
        var document = new
        {
            generatedAt = results.StartedAt,
            command = options.Command,
            quick = options.Quick,
            durationMinutes = results.Duration.TotalMinutes,
            machine = new { cpus = MachineInfo.Cpus, cpuModel = MachineInfo.CpuModel, memory = MachineInfo.MemoryTotal, runtime = MachineInfo.Runtime },
            phases = phases.SelectMany(phase => modes.Select(mode => (phase, mode, figures: PhaseFigures.Of(results, phase, mode))))
                .Where(x => x.figures is not null || x.mode != RunbookDriver.Mode)
                .Select(x => new { x.phase, x.mode, run = x.figures is not null, figures = x.figures is null ? null : Clean(x.figures) }),
            throttled = throttled is null ? null : new
            {
                limit = throttled.Limit.ToString(),
                throttled.Limit.RatePerSecond,
                throttled.Environments,
                throttled.Failed,
                limitedCallsPerEnvironment = Num(throttled.LimitedCallsPerEnvironment),
                permittedPerSecond = Num(throttled.PermittedPerSecond),
                throughput = Num(throttled.Throughput),
                share = Num(throttled.Share),
                throttledPerEnvironment = Num(throttled.ThrottledPerEnvironment),
            },
            memory = results.Memory,
            blocks = results.Blocks.Select(b => new
            {
                b.Phase, b.Mode, b.Concurrency, b.Round, environments = b.Samples.Count, b.Failures, wallSeconds = b.WallSeconds,
                throughput = Num(b.Throughput), latencyP50Ms = Num(Stats.Median(b.Latencies)), latencyP95Ms = Num(Stats.Percentile(b.Latencies, 95)),
                workerCpuSeconds = Num(b.WorkerCpuSeconds), benchCpuSeconds = Num(b.BenchCpuSeconds), motoCpuSeconds = Num(b.MotoCpuSeconds),
                b.AwsRequests, b.AwsThrottled, b.AwsRequestsByService, workerPeakMiB = Num(b.WorkerPeakMiB), benchPeakMiB = Num(b.BenchPeakMiB),
                loadAverage = Num(b.LoadAverage),
            }),
            targets = targets.Select(t => new { name = t.Name, description = t.Description, measured = t.Measured, goal = t.Goal, comparison = t.Comparison, met = t.Met }),
        };
        return JsonSerializer.Serialize(document, Options);
    }

    private static object Clean(PhaseFigures f) => new
    {
        f.Concurrency, f.Environments, f.Failed, latencyP50Ms = Num(f.LatencyP50Ms), latencyP95Ms = Num(f.LatencyP95Ms), throughput = Num(f.Throughput),
        cpuMsPerEnvironment = Num(f.CpuMsPerEnvironment), awsRequestsPerEnvironment = Num(f.AwsRequestsPerEnvironment),
        throttledPerEnvironment = Num(f.ThrottledPerEnvironment), peakRssMiB = Num(f.PeakRssMiB),
    };

    /// <summary>NaN (nothing measured) as null, so the JSON is plain numbers.</summary>
    private static double? Num(double value) => double.IsNaN(value) || double.IsInfinity(value) ? null : Math.Round(value, 3);
}
