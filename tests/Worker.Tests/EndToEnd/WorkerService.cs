using System.Globalization;
using Provisioner.Worker.Tests.Infrastructure;

namespace Provisioner.Worker.Tests.EndToEnd;

/// <summary>
/// The program with no verb (the worker service) on a free loopback port, answering <c>/healthz</c>. Disposing kills
/// it, so a failing test never leaves a worker behind.
/// </summary>
internal sealed class WorkerService : IAsyncDisposable
{
    private const int StartAttempts = 3;
    private static readonly TimeSpan HealthDeadline = TimeSpan.FromSeconds(30);

    private readonly WorkerProcess process;

    private WorkerService(WorkerProcess process, Uri baseAddress)
    {
        this.process = process;
        Http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(10) };
    }

    public HttpClient Http { get; }

    public bool HasExited => process.HasExited;

    public static async Task<WorkerService> StartAsync(string workingDirectory, IReadOnlyDictionary<string, string> variables)
    {
        for (var attempt = 1; ; attempt++)
        {
            var baseAddress = new Uri($"http://127.0.0.1:{FreeTcpPort.Next().ToString(CultureInfo.InvariantCulture)}/");
            var process = WorkerProcess.Start(workingDirectory, variables, "--urls", baseAddress.ToString().TrimEnd('/'));
            var service = new WorkerService(process, baseAddress);
            if (await service.WaitUntilHealthyAsync()) return service;
            var output = await process.StopAsync();
            await service.DisposeAsync();
            // The port can be taken between FreeTcpPort and Kestrel's bind: try another one.
            if (attempt < StartAttempts && output.ToString().Contains("address already in use", StringComparison.OrdinalIgnoreCase)) continue;
            throw new InvalidOperationException($"the worker did not answer /healthz on {baseAddress} within {HealthDeadline.TotalSeconds} s; {output}");
        }
    }

    /// <summary>Kills the worker and returns everything it wrote.</summary>
    public Task<WorkerResult> StopAsync() => process.StopAsync();

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await process.DisposeAsync();
    }

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
}
