using System.Text.Json;
using MassTransit;
using Provisioner.Contracts;
using Provisioner.Worker.Hosting;
using Provisioner.Worker.Intake;

namespace Provisioner.Worker.Cli;

/// <summary>
/// Runs one request through the same saga and activities as the worker, in this process, and waits for its outcome.
/// Exit codes: 0 provisioned, 1 rolled back, 2 invalid request, 3 compensation left resources behind, 4 timed out.
/// </summary>
public static class ApplyCommand
{
    public static async Task<int> RunAsync(string file, bool jsonOutput, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ProvisionEnvironment command;
        try
        {
            command = RequestReader.ToCommand(RequestReader.Parse(await File.ReadAllTextAsync(file, cancellationToken)));
        }
        catch (Exception ex) when (ex is RequestFormatException or IOException)
        {
            await Console.Error.WriteLineAsync($"error: {file}: {ex.Message}");
            return 2;
        }

        var builder = Host.CreateApplicationBuilder();
        builder.AddProvisionerLogging(toStandardError: true);
        builder.Services.AddProvisioner();
        using var host = builder.Build();
        await host.StartAsync(cancellationToken);
        try
        {
            var bus = host.Services.GetRequiredService<IBus>();
            var observer = new RunObserver(command.RequestId, Console.Error);
            using var _ = bus.ConnectPublishObserver(observer);
            await bus.Publish(command, cancellationToken);
            var finished = await Task.WhenAny(observer.Outcome, Task.Delay(timeout, cancellationToken));
            if (finished != observer.Outcome)
            {
                await Console.Error.WriteLineAsync($"error: no outcome within {timeout}; the run goes on when the worker next starts");
                return 4;
            }
            var outcome = await observer.Outcome;
            if (jsonOutput) Console.Out.WriteLine(await StatusJsonAsync(host.Services, command, outcome));
            return RunObserver.ExitCode(outcome);
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    private static async Task<string> StatusJsonAsync(IServiceProvider services, ProvisionEnvironment command, object outcome)
    {
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true };
        if (outcome is EnvironmentRequestRejected rejected) return JsonSerializer.Serialize(rejected, json);
        var client = services.GetRequiredService<IRequestClient<GetEnvironmentStatus>>();
        var response = await client.GetResponse<EnvironmentStatus, EnvironmentNotFound>(
            new GetEnvironmentStatus(command.RequestId, command.Request.Environment));
        return response.Is(out Response<EnvironmentStatus>? status) ? JsonSerializer.Serialize(status!.Message, json) : "null";
    }
}
