using System.Text.Json;
using Provisioner.Worker.Drift;
using Provisioner.Worker.Planning;
using Provisioner.Worker.SagaStore;

namespace Provisioner.Worker.Cli;

/// <summary>
/// <c>check &lt;environment&gt;</c>: the drift check now, on the store the worker uses, observe-only; what it finds is
/// recorded like a scheduled check's (events, status <c>drifted</c>) and never repaired from here.
/// Exit codes: 0 in sync, 1 drift found, 2 unknown environment, 5 nothing to check (a run under way, nothing applied).
/// </summary>
public static class CheckCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static async Task<int> RunAsync(string environment, bool jsonOutput, CancellationToken ct)
    {
        using var host = InProcessRun.BuildHost(quiet: true, observeOnly: true);
        await host.StartAsync(ct);
        try
        {
            var table = host.Services.GetRequiredService<SagaTable>();
            var correlation = ResourceNames.CorrelationId(environment);
            if (await table.LoadAsync(correlation, ct) is not { HasRun: true } saga)
            {
                await Console.Error.WriteLineAsync($"error: {StateMachine.Tenancy.NoSuchEnvironment(environment)}");
                return 2;
            }
            if (await host.Services.GetRequiredService<DriftCheck>().CheckAndReportAsync(saga, repair: false, ct) is not { } report)
            {
                await Console.Error.WriteLineAsync($"error: '{environment}' has a run under way or nothing applied to compare with");
                return 5;
            }
            if (!DriftRecord.Same(saga.Drift?.Findings ?? [], report.Findings)) await RecordedAsync(table, saga, ct);
            if (jsonOutput) Console.Out.WriteLine(JsonSerializer.Serialize(report, Json));
            else Print(report);
            return report.InSync ? 0 : 1;
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>The saga records news on the in-memory bus: wait (a little) for it before the process goes.</summary>
    private static async Task RecordedAsync(SagaTable table, StateMachine.ProvisioningState before, CancellationToken ct)
    {
        var until = DateTimeOffset.UtcNow.AddSeconds(5);
        while (DateTimeOffset.UtcNow < until)
        {
            await Task.Delay(50, ct);
            if ((await table.LoadAsync(before.CorrelationId, ct))?.Version != before.Version) return;
        }
    }

    private static void Print(DriftReport report)
    {
        if (report.InSync)
        {
            Console.Out.WriteLine($"{report.Environment}: in sync with its applied request");
            return;
        }
        Console.Out.WriteLine($"{report.Environment}: {report.Drift.Count} resource(s) drifted");
        foreach (var drift in report.Drift)
        {
            Console.Out.WriteLine($"  {drift.Stage} {drift.Resource}: {drift.Kind}");
            foreach (var difference in drift.Differences) Console.Out.WriteLine($"    - {difference}");
        }
    }
}
