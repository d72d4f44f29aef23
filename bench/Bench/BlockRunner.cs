using System.Diagnostics;

namespace Provisioner.Bench;

/// <summary>
/// Runs one block against a freshly reset moto and records it: environments of one mode at one concurrency, with
/// the CPU the worker, moto and this process used meanwhile, the AWS requests counted, and peak RSS at the end.
/// </summary>
public sealed class BlockRunner(Moto moto, RunbookDriver runbook, BenchResults results)
{
    public async Task<BlockResult> RunAsync(BenchTarget target, string mode, string phase, int concurrency, int round, int count, bool record = true)
    {
        await moto.ResetAsync();
        var names = EnvironmentRequests.Names($"{mode[0]}-{phase}-r{round}", count);
        var self = Environment.ProcessId;
        var workerProcess = target.Worker.Worker;
        var (motoCpu, workerCpu) = (moto.CpuSeconds, workerProcess.CpuSeconds);
        var benchCpu = ProcFs.CpuSeconds(self) + ProcFs.ChildrenCpuSeconds(self);
        var requests = await target.CountAsync();
        var clock = Stopwatch.StartNew();
        var samples = mode switch
        {
            WorkerDriver.Mode => await target.Worker.RunAsync(names, concurrency),
            DirectDriver.Mode => await target.Direct.RunAsync(names, concurrency),
            _ => await runbook.RunAsync(names, concurrency),
        };
        var wall = clock.Elapsed.TotalSeconds;
        var aws = await target.CountAsync() - requests;
        var block = new BlockResult(mode, phase, concurrency, round, mode == WorkerDriver.Mode ? target.Worker.Observe : null,
            samples, wall, workerProcess.CpuSeconds - workerCpu, moto.CpuSeconds - motoCpu,
            ProcFs.CpuSeconds(self) + ProcFs.ChildrenCpuSeconds(self) - benchCpu, aws.Requests)
        {
            LoadAverage = ProcFs.LoadAverage,
            AwsThrottled = aws.Throttled,
            AwsRequestsByService = aws.ByService,
            PassedByCall = aws.PassedByCall,
            WorkerPeakMiB = workerProcess.Memory.Peak,
            BenchPeakMiB = ProcFs.Memory(self).Peak,
        };
        BenchRun.Log($"  {phase,-10} r{round} {mode,-8} C={concurrency,-2} n={count,-4} {block.Throughput,7:F2} env/s  p50 {Stats.Median(block.Latencies),8:F1} ms  " +
                     $"load {block.LoadAverage:F1}{(aws.Throttled > 0 ? $"  throttled {aws.Throttled}" : "")}" +
                     (block.Failures > 0 ? $"  FAILURES {block.Failures}: {samples.First(s => s.Error is not null).Error}" : ""));
        if (record) results.Blocks.Add(block);
        return block;
    }
}
