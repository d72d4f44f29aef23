using System.Globalization;

namespace Provisioner.Bench;

/// <summary>What Linux says about a process: CPU time from <c>/proc/PID/stat</c>, memory from <c>/proc/PID/status</c>.</summary>
public static class ProcFs
{
    // USER_HZ: 100 on every Linux this runs on (getconf CLK_TCK).
    private const double TicksPerSecond = 100;

    /// <summary>utime + stime of the process itself.</summary>
    public static double CpuSeconds(int pid) => StatFields(pid) is { } f ? (f[11] + f[12]) / TicksPerSecond : double.NaN;

    /// <summary>cutime + cstime: CPU of the children this process has waited for (the runbook's aws processes).</summary>
    public static double ChildrenCpuSeconds(int pid) => StatFields(pid) is { } f ? (f[13] + f[14]) / TicksPerSecond : double.NaN;

    /// <summary>The 1-minute load average of the whole machine.</summary>
    public static double LoadAverage =>
        double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture);

    /// <summary>VmRSS and VmHWM (peak RSS) in MiB.</summary>
    public static (double Rss, double Peak) Memory(int pid)
    {
        double rss = double.NaN, peak = double.NaN;
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal)) rss = Kib(line) / 1024;
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal)) peak = Kib(line) / 1024;
        }
        return (rss, peak);
    }

    /// <summary>
    /// VmRSS split as Linux counts it, in MiB: anonymous memory (the GC heap, native allocations, stacks), file pages
    /// mapped (the assemblies and native libraries), and shared memory (the runtime's double-mapped JIT code).
    /// </summary>
    public static (double Anon, double Files, double Shmem) RssParts(int pid)
    {
        double anon = double.NaN, files = double.NaN, shmem = double.NaN;
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("RssAnon:", StringComparison.Ordinal)) anon = Kib(line) / 1024;
            else if (line.StartsWith("RssFile:", StringComparison.Ordinal)) files = Kib(line) / 1024;
            else if (line.StartsWith("RssShmem:", StringComparison.Ordinal)) shmem = Kib(line) / 1024;
        }
        return (anon, files, shmem);
    }

    private static double Kib(string line) =>
        double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);

    /// <summary>The fields after the command name (which may hold spaces): index 0 is the state (field 3 of proc(5)).</summary>
    private static long[]? StatFields(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var rest = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return rest.Skip(1).Take(16).Select(v => long.Parse(v, CultureInfo.InvariantCulture)).Prepend(0).ToArray();
        }
        catch (IOException)
        {
            return null;
        }
    }
}
