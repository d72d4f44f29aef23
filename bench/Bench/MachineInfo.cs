using System.Runtime.InteropServices;

namespace Provisioner.Bench;

/// <summary>The machine the numbers belong to.</summary>
public static class MachineInfo
{
    public static int Cpus => Environment.ProcessorCount;

    public static string CpuModel => File.ReadLines("/proc/cpuinfo")
        .FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown";

    public static string MemoryTotal
    {
        get
        {
            var line = File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
            var kib = line is null ? 0 : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture);
            return $"{kib / 1024 / 1024:F1} GiB";
        }
    }

    public static string Kernel => File.Exists("/proc/sys/kernel/osrelease") ? File.ReadAllText("/proc/sys/kernel/osrelease").Trim() : RuntimeInformation.OSDescription;

    public static string Runtime => RuntimeInformation.FrameworkDescription;
}
