using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace Provisioner.Worker.Tests.Infrastructure;

/// <summary>
/// The built program (<c>Provisioner.Worker.dll</c>, beside this test assembly) run as a user would: a verb run to its
/// end (<see cref="RunAsync"/>), or the worker service on a free loopback port (<see cref="StartServiceAsync"/>). The child
/// sees only the variables it is given plus what the dotnet host needs, so the runner's AWS settings or profile never
/// leak into a test. Stopped by a real signal — SIGKILL (a crash) or SIGTERM (a graceful stop) — and disposing kills
/// exactly this process.
/// </summary>
public sealed class WorkerProcess : IAsyncDisposable
{
    private static readonly string[] HostVariables = ["PATH", "DOTNET_ROOT"];
    private const int StartAttempts = 3;
    private static readonly TimeSpan HealthDeadline = TimeSpan.FromSeconds(60);

    private readonly Process process;
    private readonly ConcurrentQueue<string> lines = new();
    private readonly ConcurrentQueue<string> standardOutput = new();
    private readonly ConcurrentQueue<string> standardError = new();

    private WorkerProcess(Process process)
    {
        this.process = process;
        // Read both pipes from the start: a child blocked on a full pipe would look like a hang.
        process.OutputDataReceived += (_, e) => Keep(e.Data, standardOutput);
        process.ErrorDataReceived += (_, e) => Keep(e.Data, standardError);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public static string AssemblyPath { get; } = Path.Combine(AppContext.BaseDirectory, "Provisioner.Worker.dll");

    /// <summary>The service's address and a client for it (<see cref="StartServiceAsync"/> only).</summary>
    public Uri? Address { get; private set; }

    public HttpClient Http { get; private set; } = null!;

    public int Id => process.Id;
    public bool HasExited => process.HasExited;
    public int ExitCode => process.ExitCode;

    /// <summary>Everything it printed so far, both streams in order.</summary>
    public IReadOnlyCollection<string> Output => lines;

    public string Tail(int count = 40) => string.Join(Environment.NewLine, lines.TakeLast(count));

    public static WorkerProcess Start(string workingDirectory, IReadOnlyDictionary<string, string> variables, params string[] arguments)
    {
        if (!File.Exists(AssemblyPath)) throw new FileNotFoundException("the worker is not built beside the tests", AssemblyPath);
        var start = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = workingDirectory, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        start.ArgumentList.Add(AssemblyPath);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment.Clear();
        foreach (var name in HostVariables)
            if (Environment.GetEnvironmentVariable(name) is { } value) start.Environment[name] = value;
        // No ~/.aws of the runner: credentials and config come from the test or not at all.
        start.Environment["HOME"] = workingDirectory;
        foreach (var (name, value) in TestProfiles.Environment) start.Environment[name] = value;
        foreach (var (name, value) in variables) start.Environment[name] = value;
        return new WorkerProcess(Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start"));
    }

    /// <summary>Runs a verb to completion; past <paramref name="timeout"/> the process tree is killed and the test fails with its output.</summary>
    public static async Task<WorkerResult> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string> variables,
        TimeSpan timeout, params string[] arguments)
    {
        await using var worker = Start(workingDirectory, variables, arguments);
        return await worker.WaitForExitAsync(timeout);
    }

    /// <summary>The worker service (no verb) on a free loopback port, once it answers <c>/healthz</c>.</summary>
    public static async Task<WorkerProcess> StartServiceAsync(string workingDirectory, IReadOnlyDictionary<string, string> variables)
    {
        for (var attempt = 1; ; attempt++)
        {
            var address = new Uri($"http://127.0.0.1:{FreeTcpPort.Next().ToString(CultureInfo.InvariantCulture)}/");
            var worker = Start(workingDirectory, variables, "--urls", address.ToString().TrimEnd('/'));
            worker.Address = address;
            worker.Http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
            if (await worker.WaitUntilHealthyAsync()) return worker;
            var output = await worker.StopAsync();
            await worker.DisposeAsync();
            // The port can be taken between FreeTcpPort and Kestrel's bind: try another one.
            if (attempt < StartAttempts && output.ToString().Contains("address already in use", StringComparison.OrdinalIgnoreCase)) continue;
            throw new InvalidOperationException($"the worker did not answer /healthz on {address} within {HealthDeadline.TotalSeconds} s; {output}");
        }
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
        return Result();
    }

    /// <summary>SIGKILL: a crash, with no chance to flush or acknowledge anything.</summary>
    public void Kill() => Signals.Send(process.Id, Signals.Kill);

    /// <summary>SIGTERM, then waits for it to exit; returns how long that took.</summary>
    public async Task<TimeSpan> TerminateAsync(TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        Signals.Send(process.Id, Signals.Term);
        using var cancel = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cancel.Token);
        return clock.Elapsed;
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
        return Result();
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited) await StopAsync();
        Http?.Dispose();
        process.Dispose();
    }

    private void Keep(string? line, ConcurrentQueue<string> stream)
    {
        if (line is null) return;
        stream.Enqueue(line);
        lines.Enqueue(line);
    }

    private WorkerResult Result() =>
        new(process.ExitCode, string.Join('\n', standardOutput), string.Join('\n', standardError));

    private async Task<bool> WaitUntilHealthyAsync()
    {
        var deadline = DateTime.UtcNow + HealthDeadline;
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                using var response = await Http.GetAsync(new Uri("/healthz", UriKind.Relative));
                if (response.IsSuccessStatusCode) return true;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }
            await Task.Delay(100);
        }
        return false;
    }

    /// <summary>The dotnet that runs these tests (the SDK exports its path to children), else the one on PATH.</summary>
    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path && File.Exists(path) ? path : "dotnet";
}
