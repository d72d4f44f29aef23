using System.Diagnostics;

namespace Provisioner.Worker.Tests.EndToEnd;

/// <summary>
/// The built program (<c>Provisioner.Worker.dll</c>, copied beside this test assembly by the project reference) run as
/// <c>dotnet &lt;dll&gt; ...</c> in a directory of the test's choosing. The child sees only the variables it is given
/// (plus what the dotnet host needs), so the runner's AWS settings or profile can never leak into a test.
/// </summary>
internal sealed class WorkerProcess : IAsyncDisposable
{
    private static readonly string[] HostVariables = ["PATH", "DOTNET_ROOT"];

    private readonly Process process;
    private readonly Task<string> standardOutput;
    private readonly Task<string> standardError;

    private WorkerProcess(Process process)
    {
        this.process = process;
        // Read both pipes from the start: a child blocked on a full pipe would look like a hang.
        standardOutput = process.StandardOutput.ReadToEndAsync();
        standardError = process.StandardError.ReadToEndAsync();
    }

    public static string AssemblyPath { get; } = Path.Combine(AppContext.BaseDirectory, "Provisioner.Worker.dll");

    public bool HasExited => process.HasExited;

    public static WorkerProcess Start(string workingDirectory, IReadOnlyDictionary<string, string> variables, params string[] arguments)
    {
        if (!File.Exists(AssemblyPath)) throw new FileNotFoundException("the worker is not built beside the tests", AssemblyPath);
        var start = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = workingDirectory,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(AssemblyPath);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment.Clear();
        foreach (var name in HostVariables)
            if (Environment.GetEnvironmentVariable(name) is { } value) start.Environment[name] = value;
        // No ~/.aws of the runner: credentials and config come from the test or not at all.
        start.Environment["HOME"] = workingDirectory;
        foreach (var (name, value) in variables) start.Environment[name] = value;
        return new WorkerProcess(Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start"));
    }

    /// <summary>Runs to completion; past <paramref name="timeout"/> the process tree is killed and the test fails with its output.</summary>
    public static async Task<WorkerResult> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string> variables,
        TimeSpan timeout, params string[] arguments)
    {
        await using var worker = Start(workingDirectory, variables, arguments);
        return await worker.WaitForExitAsync(timeout);
    }

    public async Task<WorkerResult> WaitForExitAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            var output = await StopAsync();
            throw new TimeoutException($"the worker did not exit within {timeout.TotalSeconds} s and was killed; {output}");
        }
        return await ResultAsync();
    }

    /// <summary>Kills the process tree (no graceful shutdown: what survives must already be on disk) and returns its output.</summary>
    public async Task<WorkerResult> StopAsync()
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await process.WaitForExitAsync(deadline.Token);
        return await ResultAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited) await StopAsync();
        process.Dispose();
    }

    private async Task<WorkerResult> ResultAsync() => new(process.ExitCode, await standardOutput, await standardError);

    /// <summary>The dotnet that runs these tests (the SDK exports its path to children), else the one on PATH.</summary>
    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path && File.Exists(path) ? path : "dotnet";
}
