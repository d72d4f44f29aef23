using System.Text.RegularExpressions;
using Provisioner.Worker.Tests.EndToEnd;
using Provisioner.Worker.Tests.Infrastructure;
using Provisioner.Worker.Tests.Intake.Api;

namespace Provisioner.Worker.Tests.Telemetry;

/// <summary>The built worker against moto: every stage's log line of one run carries the same trace id.</summary>
public sealed class TraceIdEnricherTests(WorkerEndToEndFixture fixture) : IClassFixture<WorkerEndToEndFixture>, IDisposable
{
    private readonly ScratchDirectory scratch = new();

    public void Dispose() => scratch.Dispose();

    [Fact]
    public async Task StageLogLines_OneRunOverHttp_CarryOneTraceId()
    {
        await using var worker = await WorkerProcess.StartServiceAsync(scratch.Path,
            new Dictionary<string, string>(fixture.Variables(scratch.File("saga.db"))) { ["Api__AllowAnonymousLoopback"] = "true" });
        using var content = new StringContent(ExampleRequests.Json("e2e-trace", requestId: null), System.Text.Encoding.UTF8, "application/json");
        using var response = await worker.Http.PostAsync(new Uri("/environments", UriKind.Relative), content);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);

        Assert.Equal("provisioned", (await worker.Http.SettledAsync("/environments/e2e-trace")).GetProperty("state").GetString());

        var stageLines = worker.Output.Where(l => l.Contains("] Stage ", StringComparison.Ordinal) && l.Contains("e2e-trace", StringComparison.Ordinal)).ToList();
        Assert.True(stageLines.Count >= 3, worker.Tail());
        var traces = stageLines.Select(l => Regex.Match(l, " trace=([0-9a-f]{32})$").Groups[1].Value).Distinct().ToList();
        Assert.True(traces is [{ Length: 32 }], string.Join('\n', stageLines));
    }
}
