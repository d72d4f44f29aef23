using System.Diagnostics;

namespace Provisioner.Bench;

/// <summary>
/// The phases, each made of blocks against a freshly reset moto: (a) moto directly (c1, c8, c32, poll, memory), then
/// through the fault proxy (b: realistic latency, p1 and p32; c: IAM limited, throttled). Modes alternate block by
/// block (and swap order every round), so worker/direct and runbook/worker ratios come from runs side by side, under
/// the same machine conditions.
/// </summary>
public sealed class BenchRun(BenchOptions options, Moto moto, BenchTarget direct, BlockRunner blocks, BenchResults results)
{
    public const string AccountId = "123456789012";
    public static readonly int[] Concurrencies = [1, 8, 32];

    private readonly BenchSizes sizes = options.Sizes;
    private int workerEnvironments;

    public static async Task<int> RunAsync(BenchOptions options)
    {
        var clock = Stopwatch.StartNew();
        using var moto = new Moto(options.Moto, options.MotoPid, options.MotoLog);
        await moto.ResetAsync();
        var results = new BenchResults { Quick = options.Quick };
        var blocks = new BlockRunner(moto, new RunbookDriver(options.AwsCli, AccountId), results);
        if (options.Phases.Overlaps(BenchOptions.MotoPhases))
        {
            await using var process = await WorkerUnderTest.StartAsync(options.WorkerDll, "worker");
            using var worker = new WorkerDriver(process);
            using var direct = new DirectDriver();
            var target = new BenchTarget("moto", worker, direct, async () => RequestCount.Of(await moto.RequestsAsync()));
            await new BenchRun(options, moto, target, blocks, results).MotoPhasesAsync();
        }
        if (options.Phases.Overlaps(BenchOptions.ProxyPhases))
        {
            if (options.Proxy is null) Log("phases p1, p32 and throttled need --proxy (bench.sh starts the fault proxy): not run");
            else await ProxyPhases.RunAsync(options, moto, blocks, results);
        }
        results.Duration = clock.Elapsed;
        var report = new Report(options, results);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(options.Output))!);
        await File.WriteAllTextAsync(options.Output, report.Markdown());
        foreach (var json in options.Json)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(json))!);
            await File.WriteAllTextAsync(json, BenchJson.Write(options, results, report.Targets()));
        }
        Console.WriteLine(report.Summary());
        Console.WriteLine($"Full report: {options.Output}{string.Concat(options.Json.Select(j => $"; JSON: {j}"))}");
        return results.Blocks.Sum(b => b.Failures) == 0 ? 0 : 1;
    }

    private async Task MotoPhasesAsync()
    {
        var worker = direct.Worker;

        Log("warm-up (JIT, connection pools, moto's first requests; not recorded)");
        await blocks.RunAsync(direct, WorkerDriver.Mode, "warm", 1, 0, sizes.WarmUp, record: false);
        await blocks.RunAsync(direct, DirectDriver.Mode, "warm", 1, 0, sizes.WarmUp, record: false);
        await blocks.RunAsync(direct, WorkerDriver.Mode, "warm", 32, 1, sizes.WarmUp * 2, record: false);
        await blocks.RunAsync(direct, DirectDriver.Mode, "warm", 32, 1, sizes.WarmUp * 2, record: false);
        await blocks.RunAsync(direct, RunbookDriver.Mode, "warm", 1, 0, 1, record: false);
        workerEnvironments += sizes.WarmUp * 3;

        foreach (var concurrency in Concurrencies.Where(c => options.Phases.Contains($"c{c}")))
        {
            Log($"concurrency {concurrency}: worker and direct blocks alternate{(concurrency <= 8 ? ", runbook blocks between them" : "")}");
            var count = concurrency switch { 1 => sizes.LatencyBlock, 8 => sizes.Concurrency8Block, _ => sizes.Concurrency32Block };
            for (var round = 0; round < sizes.Rounds; round++)
            {
                var phase = $"c{concurrency}";
                string[] order = round % 2 == 0 ? [WorkerDriver.Mode, DirectDriver.Mode] : [DirectDriver.Mode, WorkerDriver.Mode];
                await BlockAsync(order[0], phase, concurrency, round, count);
                if (concurrency == 1) await BlockAsync(RunbookDriver.Mode, phase, 1, round, sizes.RunbookLatencyBlock);
                if (concurrency == 8 && round == 0 && sizes.RunbookConcurrency8Block > 0)
                    await BlockAsync(RunbookDriver.Mode, phase, 8, round, sizes.RunbookConcurrency8Block);
                await BlockAsync(order[1], phase, concurrency, round, count);
            }
        }

        if (options.Phases.Contains("poll")) await PollStudyAsync();
        results.MainWorkerAtEnd = MemoryPoint.Of(worker.Worker, workerEnvironments, settled: false);
        if (options.Phases.Contains("memory")) await MemoryPhaseAsync();
    }

    private async Task BlockAsync(string mode, string phase, int concurrency, int round, int count)
    {
        await blocks.RunAsync(direct, mode, phase, concurrency, round, count);
        if (mode == WorkerDriver.Mode) workerEnvironments += count;
    }

    /// <summary>The same worker, only the client changes: waiting for each change (as every other block) vs polling.</summary>
    private async Task PollStudyAsync()
    {
        Log("polling study: the same worker, the client waits (?wait=) or polls at an interval");
        foreach (var (concurrency, intervals, count) in new[]
                 {
                     (1, new int?[] { null, 5, 20, 50 }, sizes.PollStudyLatencyBlock),
                     (32, new int?[] { null, 10, 50, 200 }, sizes.PollStudyConcurrentBlock),
                 })
        {
            foreach (var ms in intervals)
            {
                direct.Worker.PollInterval = ms is { } poll ? TimeSpan.FromMilliseconds(poll) : null;
                await BlockAsync(WorkerDriver.Mode, $"poll{concurrency}-{ms?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "wait"}", concurrency, 0, count);
            }
        }
        direct.Worker.PollInterval = null;
    }

    /// <summary>A fresh worker, so "after 100" and "after 1,000" count every environment it has ever seen.</summary>
    private async Task MemoryPhaseAsync()
    {
        Log($"memory: a fresh worker, {sizes.MemoryLastMark} environments at concurrency 32 in blocks of {sizes.MemoryBlock}");
        await using var fresh = await WorkerUnderTest.StartAsync(options.WorkerDll, "memory");
        using var driver = new WorkerDriver(fresh);
        results.Memory.Add(MemoryPoint.Of(fresh, 0, settled: true));
        for (var done = 0; done < sizes.MemoryLastMark; done += sizes.MemoryBlock)
        {
            await moto.ResetAsync();
            var names = EnvironmentRequests.Names($"m-{done / sizes.MemoryBlock}", sizes.MemoryBlock);
            var samples = await driver.RunAsync(names, 32);
            if (samples.FirstOrDefault(s => s.Error is not null) is { } failed) Log($"  memory block failed: {failed.Environment}: {failed.Error}");
            var total = done + sizes.MemoryBlock;
            results.Memory.Add(MemoryPoint.Of(fresh, total, settled: false));
            if (total == sizes.MemoryFirstMark || total == sizes.MemoryLastMark)
            {
                await Task.Delay(TimeSpan.FromSeconds(2));
                var settled = MemoryPoint.Of(fresh, total, settled: true);
                results.Memory.Add(settled);
                Log($"  after {total}: VmRSS {settled.RssMiB:F1} MiB (anonymous {settled.AnonMiB:F1}, files {settled.FilesMiB:F1}, " +
                    $"shared {settled.ShmemMiB:F1}), VmHWM {settled.PeakMiB:F1} MiB");
            }
        }
    }

    public static void Log(string message) => Console.Error.WriteLine($"[bench {DateTime.Now:HH:mm:ss}] {message}");
}
