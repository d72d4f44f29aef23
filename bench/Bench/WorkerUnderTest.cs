using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Provisioner.Bench;

/// <summary>
/// The published worker as it runs in production: <c>dotnet Provisioner.Worker.dll --urls …</c>, embedded default
/// (in-memory bus, SQLite in its own temp dir), AWS endpoint and credentials from the environment bench.sh exported.
/// Its output goes to a file through the shell, so draining it costs this process nothing.
/// </summary>
public sealed class WorkerUnderTest : IAsyncDisposable
{
    private readonly Process process;

    private WorkerUnderTest(Process process, Uri baseAddress, string directory)
    {
        this.process = process;
        BaseAddress = baseAddress;
        Directory = directory;
    }

    public Uri BaseAddress { get; }

    public string Directory { get; }

    public int Pid => process.Id;

    public double CpuSeconds => ProcFs.CpuSeconds(Pid);

    public (double Rss, double Peak) Memory => ProcFs.Memory(Pid);

    /// <param name="awsEndpoint">Null = AWS_ENDPOINT_URL from bench.sh (moto); else the fault proxy.</param>
    public static async Task<WorkerUnderTest> StartAsync(string workerDll, string name, Uri? awsEndpoint = null)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory($"bench-{name}-").FullName;
        for (var attempt = 1; ; attempt++)
        {
            var baseAddress = new Uri($"http://127.0.0.1:{FreePort().ToString(CultureInfo.InvariantCulture)}/");
            // From its publish folder, as the container image runs it (content root = appsettings.json's folder).
            var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false, WorkingDirectory = Path.GetDirectoryName(Path.GetFullPath(workerDll)) };
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add("exec dotnet \"$0\" --urls \"$1\" >>\"$2\" 2>&1");
            start.ArgumentList.Add(workerDll);
            start.ArgumentList.Add(baseAddress.ToString().TrimEnd('/'));
            start.ArgumentList.Add(Path.Combine(directory, "worker.log"));
            start.Environment["SagaStore__ConnectionString"] = $"Data Source={Path.Combine(directory, "provisioner.db")}";
            // The bench is the only client, on loopback: the development switch that lets it call without a token.
            start.Environment["Api__AllowAnonymousLoopback"] = "true";
            if (awsEndpoint is not null) start.Environment["AWS_ENDPOINT_URL"] = awsEndpoint.ToString();
            var process = Process.Start(start) ?? throw new InvalidOperationException("the worker did not start");
            var worker = new WorkerUnderTest(process, baseAddress, directory);
            if (await worker.WaitUntilHealthyAsync()) return worker;
            await worker.StopAsync();
            if (attempt == 3) throw new InvalidOperationException($"the worker did not answer /healthz; see {directory}/worker.log");
        }
    }

    public async Task StopAsync()
    {
        if (!process.HasExited) process.Kill();
        await process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        process.Dispose();
    }

    private async Task<bool> WaitUntilHealthyAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                using var response = await http.GetAsync(new Uri("/healthz", UriKind.Relative));
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

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }
}
