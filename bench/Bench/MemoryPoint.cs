namespace Provisioner.Bench;

/// <summary>
/// The worker's VmRSS and VmHWM (MiB) after a number of environments; <paramref name="Settled"/> = read after an idle
/// pause. The parts of VmRSS: anonymous, mapped files, shared memory (NaN where not read).
/// </summary>
public sealed record MemoryPoint(int Environments, double RssMiB, double PeakMiB, bool Settled)
{
    public double AnonMiB { get; init; } = double.NaN;

    public double FilesMiB { get; init; } = double.NaN;

    public double ShmemMiB { get; init; } = double.NaN;

    public static MemoryPoint Of(WorkerUnderTest worker, int environments, bool settled)
    {
        var (rss, peak) = worker.Memory;
        var (anon, files, shmem) = ProcFs.RssParts(worker.Pid);
        return new MemoryPoint(environments, rss, peak, settled) { AnonMiB = anon, FilesMiB = files, ShmemMiB = shmem };
    }
}
