namespace Provisioner.Bench;

/// <summary>The worker's VmRSS and VmHWM (MiB) after a number of environments; <paramref name="Settled"/> = read after an idle pause.</summary>
public sealed record MemoryPoint(int Environments, double RssMiB, double PeakMiB, bool Settled);
