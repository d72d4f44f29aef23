using System.Runtime.InteropServices;

namespace Provisioner.Worker.Tests.Infrastructure;

/// <summary>POSIX signals to one process or one process group, which <see cref="System.Diagnostics.Process"/> cannot send.</summary>
public static class Signals
{
    public const int Term = 15;
    public const int Kill = 9;

    /// <summary>Sends <paramref name="signal"/> to the process <paramref name="pid"/>; false if it is already gone.</summary>
    public static bool Send(int pid, int signal) => NativeKill(pid, signal) == 0;

    /// <summary>Sends <paramref name="signal"/> to every process of the group led by <paramref name="groupId"/>.</summary>
    public static bool SendToGroup(int groupId, int signal) => NativeKill(-groupId, signal) == 0;

    /// <summary>The process group of <paramref name="pid"/> (field 5 of /proc/pid/stat), or null once it has exited.</summary>
    public static int? GroupOf(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.Parse(fields[2], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return null;
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int NativeKill(int pid, int signal);
}
