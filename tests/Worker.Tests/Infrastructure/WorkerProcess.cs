using System.Collections.Concurrent;
using System.Diagnostics;

namespace Provisioner.Worker.Tests.Infrastructure;

/// <summary>
/// The real worker, run as a user would: <c>dotnet Provisioner.Worker.dll --urls …</c>, configured by environment
/// variables. Stopped by a real signal: SIGKILL (a crash) or SIGTERM (a graceful stop); <see cref="DisposeAsync"/>
/// kills only this process.
/// </summary>
public sealed class WorkerProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly ConcurrentQueue<string> lines = new();

    private WorkerProcess(Process process, Uri address)
    {
        this.process = process;
        Address = address;
        Http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lines.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lines.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Uri Address { get; }
    public HttpClient Http { get; }
    public bool HasExited => process.HasExited;
    public int ExitCode => process.ExitCode;

    /// <summary>Everything it printed so far.</summary>
    public IReadOnlyCollection<string> Output => lines;

    public string Tail(int count = 40) => string.Join(System.Environment.NewLine, lines.TakeLast(count));

    public static async Task<WorkerProcess> StartAsync(IReadOnlyDictionary<string, string> environment)
    {
        var port = FreeTcpPort.Next();
        var dll = WorkerDll();
        var start = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        foreach (var argument in new[] { dll, "--urls", $"http://127.0.0.1:{port}" }) start.ArgumentList.Add(argument);
        foreach (var inherited in start.Environment.Keys.Where(k => k.StartsWith("AWS_", StringComparison.Ordinal) || k == "ASPNETCORE_URLS").ToList())
            start.Environment.Remove(inherited);
        foreach (var (key, value) in environment) start.Environment[key] = value;
        var worker = new WorkerProcess(Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start"),
            new Uri($"http://127.0.0.1:{port}/"));
        await worker.WaitUntilHealthyAsync();
        return worker;
    }

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

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited) Kill();
        await process.WaitForExitAsync();
        Http.Dispose();
        process.Dispose();
    }

    private async Task WaitUntilHealthyAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            if (process.HasExited) throw new InvalidOperationException($"the worker exited with {process.ExitCode}:\n{Tail()}");
            try
            {
                using var response = await Http.GetAsync("healthz");
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
            }
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"the worker did not answer /healthz within 60 s:\n{Tail()}");
            await Task.Delay(100);
        }
    }

    /// <summary>The worker's build output, in the same configuration as this test assembly.</summary>
    private static string WorkerDll()
    {
        var testDir = new DirectoryInfo(AppContext.BaseDirectory);
        var configuration = testDir.Parent!.Name; // bin/<Configuration>/<tfm>/
        var repo = testDir;
        while (repo is not null && !File.Exists(Path.Combine(repo.FullName, "Worker.sln"))) repo = repo.Parent;
        var dll = Path.Combine(repo?.FullName ?? throw new InvalidOperationException("Worker.sln not found above the tests"),
            "src", "Worker", "bin", configuration, testDir.Name, "Provisioner.Worker.dll");
        return File.Exists(dll) ? dll : throw new InvalidOperationException($"{dll} not found: build the solution first");
    }
}
