using System.Diagnostics;

namespace Provisioner.Worker.Testing;

/// <summary>
/// Test-only: counts this process's mutating calls to AWS, Kubernetes and helm, writes each one when asked, and ends the
/// process with SIGKILL right before or right after the one the crash tests name — inside a stage, between a call and the
/// use of its answer, where a crash between stages never reaches. Registered only when a <c>Testing</c> knob asks for it.
/// </summary>
public sealed class MutationSeam(TestingOptions options, TextWriter? output = null)
{
    public const string Marker = "TESTING mutation";
    private int count;

    /// <returns>The call's number, for <see cref="After"/>.</returns>
    public int Before(string call)
    {
        var number = Interlocked.Increment(ref count);
        if (options.RecordMutations) Write($"{Marker} #{number}: {call}");
        if (number == options.CrashBeforeMutation) Crash($"before #{number}: {call}");
        return number;
    }

    public void After(int number, string call)
    {
        if (number == options.CrashAfterMutation) Crash($"after #{number}: {call}");
    }

    public async Task<T> AroundAsync<T>(string call, Func<Task<T>> send)
    {
        var number = Before(call);
        var result = await send();
        After(number, call);
        return result;
    }

    private void Crash(string where)
    {
        Write($"TESTING crash {where}");
        Process.GetCurrentProcess().Kill();
        // Kill is asynchronous; nothing of this process may go on meanwhile.
        Thread.Sleep(Timeout.Infinite);
    }

    private void Write(string line)
    {
        var writer = output ?? Console.Out;
        writer.WriteLine(line);
        writer.Flush();
    }
}
