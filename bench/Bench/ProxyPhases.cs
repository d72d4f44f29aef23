using Provisioner.FaultProxy;

namespace Provisioner.Bench;

/// <summary>
/// Phases (b) and (c), through the fault proxy bench.sh started in front of moto, with a worker of their own (its AWS
/// endpoint is the proxy) and a direct client pointed at the proxy: (b) realistic latency, worker and direct blocks
/// alternating at concurrency 1 and 32; (c) the same latency with IAM's mutating calls limited to a fixed rate, one
/// batch of environments at concurrency 64 through the worker.
/// </summary>
public sealed class ProxyPhases(BenchOptions options, BenchTarget target, BlockRunner blocks, BenchResults results, FaultProxyClient proxy)
{
    public const int ThrottledConcurrency = 64;

    /// <summary>
    /// IAM's mutating calls (create, attach, tag, delete) at 10 per second, bursts of 10: of the order IAM allows an
    /// account, and slow enough that a batch is paced by it rather than by this machine's two cores.
    /// </summary>
    public static readonly RateLimit IamLimit = new("iam", 10, 10, RateLimit.MutatingCalls);

    public static async Task RunAsync(BenchOptions options, Moto moto, BlockRunner blocks, BenchResults results)
    {
        using var proxy = new FaultProxyClient(options.Proxy!);
        await using var process = await WorkerUnderTest.StartAsync(options.WorkerDll, "proxy-worker", options.Proxy);
        using var worker = new WorkerDriver(process);
        using var direct = new DirectDriver(options.Proxy);
        var target = new BenchTarget("proxy", worker, direct, async () => Count(await proxy.CountsAsync()));
        await new ProxyPhases(options, target, blocks, results, proxy).AllAsync();
        await proxy.SetProfileAsync(FaultProfile.None);
    }

    private async Task AllAsync()
    {
        var sizes = options.Sizes;
        BenchRun.Log($"realistic AWS latency through the fault proxy ({FaultProfile.Realistic})");
        await proxy.SetProfileAsync(FaultProfile.Realistic);
        await blocks.RunAsync(target, WorkerDriver.Mode, "warm", 1, 0, 2, record: false);
        await blocks.RunAsync(target, DirectDriver.Mode, "warm", 1, 0, 2, record: false);

        foreach (var (phase, concurrency, count) in new[] { ("p1", 1, sizes.RealisticLatencyBlock), ("p32", 32, sizes.Realistic32Block) })
        {
            if (!options.Phases.Contains(phase)) continue;
            for (var round = 0; round < sizes.RealisticRounds; round++)
            {
                string[] order = round % 2 == 0 ? [WorkerDriver.Mode, DirectDriver.Mode] : [DirectDriver.Mode, WorkerDriver.Mode];
                foreach (var mode in order) await blocks.RunAsync(target, mode, phase, concurrency, round, count);
            }
        }

        if (options.Phases.Contains("throttled"))
        {
            BenchRun.Log($"throttled: {sizes.ThrottledBatch} environments at concurrency {ThrottledConcurrency}, realistic latency, {IamLimit}");
            await proxy.SetProfileAsync(FaultProfile.Realistic.WithLimit(IamLimit));
            results.IamLimit = IamLimit;
            await blocks.RunAsync(target, WorkerDriver.Mode, "throttled", ThrottledConcurrency, 0, sizes.ThrottledBatch);
        }
    }

    private static RequestCount Count(CountsSnapshot counts) => new(
        counts.Requests,
        counts.Throttled,
        counts.Services.ToDictionary(pair => pair.Key, pair => pair.Value.Requests, StringComparer.Ordinal),
        counts.Services.SelectMany(service => service.Value.Calls.Select(call => (Key: $"{service.Key}:{call.Key}", Passed: call.Value.Requests - call.Value.Throttled)))
            .ToDictionary(pair => pair.Key, pair => pair.Passed, StringComparer.Ordinal));
}
