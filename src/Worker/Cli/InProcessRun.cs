using System.Text.Json;
using MassTransit;
using Provisioner.Contracts;
using Provisioner.Worker.Hosting;

namespace Provisioner.Worker.Cli;

/// <summary>
/// Runs one command through the same saga and activities as the worker, in this process, and waits for its outcome.
/// Exit codes: 0 done, 1 failed (rolled back / removal failed), 2 invalid request, 3 resources left behind, 4 timed out.
/// </summary>
public static class InProcessRun
{
    public static async Task<int> RunAsync(object command, Guid requestId, string environment, bool jsonOutput, TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        var mode = RunProgress.ModeFor(jsonOutput);
        using var host = BuildHost(quiet: mode == ProgressMode.Live);
        await host.StartAsync(cancellationToken);
        try
        {
            var bus = host.Services.GetRequiredService<IBus>();
            using var progress = new RunProgress(Console.Error, mode);
            var observer = new RunObserver(requestId, progress);
            using var _ = bus.ConnectPublishObserver(observer);
            await bus.Publish(command, cancellationToken);
            var finished = await Task.WhenAny(observer.Outcome, Task.Delay(timeout, cancellationToken));
            if (finished != observer.Outcome)
            {
                await Console.Error.WriteLineAsync($"error: no outcome within {timeout}; the run goes on when the worker next starts");
                return 4;
            }
            var outcome = await observer.Outcome;
            if (jsonOutput) Console.Out.WriteLine(await StatusJsonAsync(host.Services, requestId, environment, outcome));
            return RunObserver.ExitCode(outcome);
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>
    /// The worker's composition on the in-memory bus, logging to stderr so stdout stays data; <paramref name="quiet"/>
    /// (under a live stage list) leaves out the information lines that would scroll it away.
    /// </summary>
    /// <param name="observeOnly">For a verb that acts on nothing: without the start-up resumer and the recovery sweeper,
    /// which would re-drive other environments' unfinished runs in this process.</param>
    public static IHost BuildHost(bool quiet = false, bool observeOnly = false)
    {
        var builder = Host.CreateApplicationBuilder();
        if (quiet) builder.Configuration["Serilog:MinimumLevel:Default"] = "Warning";
        builder.AddProvisionerLogging(toStandardError: true);
        builder.Services.AddProvisioner();
        if (observeOnly)
            foreach (var recovery in builder.Services.Where(d => d.ServiceType == typeof(IHostedService)
                && (d.ImplementationType == typeof(Recovery.UnfinishedRunResumer) || d.ImplementationType == typeof(Recovery.RecoverySweeper))).ToList())
                builder.Services.Remove(recovery);
        return builder.Build();
    }

    private static async Task<string> StatusJsonAsync(IServiceProvider services, Guid requestId, string environment, object outcome)
    {
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true };
        if (outcome is EnvironmentRequestRejected rejected) return JsonSerializer.Serialize(rejected, json);
        var client = services.GetRequiredService<IRequestClient<GetEnvironmentStatus>>();
        var response = await client.GetResponse<EnvironmentStatus, EnvironmentNotFound>(new GetEnvironmentStatus(requestId, environment) { Caller = Caller.Operator });
        return response.Is(out Response<EnvironmentStatus>? status) ? JsonSerializer.Serialize(status!.Message, json)
            : JsonSerializer.Serialize(outcome, outcome.GetType(), json);
    }
}
