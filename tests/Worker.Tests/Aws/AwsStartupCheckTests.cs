using System.Net;
using System.Text.Json;
using Provisioner.Worker.Aws;
using Provisioner.Worker.Tests.EndToEnd;
using Provisioner.Worker.Tests.Infrastructure;

namespace Provisioner.Worker.Tests.Aws;

/// <summary>
/// A newcomer's first run, as the built program: with no AWS set-up at all (no variables, HOME an empty folder), the
/// worker says so in one line and in readiness, and a run fails at plan saying what to set.
/// </summary>
public sealed class AwsStartupCheckTests(WorkerEndToEndFixture fixture) : IClassFixture<WorkerEndToEndFixture>, IDisposable
{
    private readonly ScratchDirectory scratch = new();

    public void Dispose() => scratch.Dispose();

    [Fact]
    public async Task Start_NoCredentials_OneLineSaysSoAndReadinessReportsIt()
    {
        await using var worker = await WorkerProcess.StartServiceAsync(scratch.Path, NoAws());

        await Eventually.TrueAsync(() => worker.Output.Any(l => l.Contains("no AWS credentials found", StringComparison.Ordinal)),
            "the start-up line", TimeSpan.FromSeconds(30));
        Assert.Single(worker.Output, l => l.Contains(AwsCredentialCheck.Missing, StringComparison.Ordinal));
        using var ready = await worker.Http.GetAsync(new Uri("/readyz", UriKind.Relative));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        var checks = JsonDocument.Parse(await ready.Content.ReadAsStringAsync()).RootElement.GetProperty("checks");
        Assert.Equal("Unhealthy", checks.GetProperty(AwsStartupCheck.Name).GetString());
    }

    [Fact]
    public async Task Apply_NoCredentials_FailsAtPlanSayingWhatToSet()
    {
        var result = await WorkerProcess.RunAsync(scratch.Path, NoAws(), TimeSpan.FromSeconds(60), "apply", LocalMotoExample());

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("StageFailed plan failed: no AWS credentials found: set AWS_PROFILE or AWS_ACCESS_KEY_ID", result.StandardError,
            StringComparison.Ordinal);
        Assert.Contains("or AWS_ENDPOINT_URL for a local emulator", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("V4a", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_EmulatorCredentials_LineNamesTheAccountAndReadinessIsHealthy()
    {
        await using var worker = await WorkerProcess.StartServiceAsync(scratch.Path,
            new Dictionary<string, string>(fixture.Variables(scratch.File("saga.db"))) { ["Api__AllowAnonymousLoopback"] = "true" });

        await Eventually.TrueAsync(() => worker.Output.Any(l => l.Contains("AWS: account 123456789012", StringComparison.Ordinal)),
            "the start-up line", TimeSpan.FromSeconds(30));
        using var ready = await worker.Http.GetAsync(new Uri("/readyz", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    [Fact]
    public async Task Start_EndpointNotListening_OneLineSaysStsDoesNotAnswer()
    {
        var variables = new Dictionary<string, string>(fixture.Variables(scratch.File("saga.db")))
        {
            ["AWS_ENDPOINT_URL"] = "http://127.0.0.1:" + FreeTcpPort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Aws__MaxAttempts"] = "1",
        };
        await using var worker = await WorkerProcess.StartServiceAsync(scratch.Path, variables);

        await Eventually.TrueAsync(() => worker.Output.Any(l => l.Contains("no answer from STS at http://127.0.0.1:", StringComparison.Ordinal)),
            "the start-up line", TimeSpan.FromSeconds(40));
    }

    /// <summary>Nothing about AWS: WorkerProcess passes only PATH and DOTNET_ROOT, and HOME is the empty scratch folder.</summary>
    private Dictionary<string, string> NoAws() => new()
    {
        ["SagaStore__ConnectionString"] = $"Data Source={scratch.File("saga.db")}",
        ["Api__AllowAnonymousLoopback"] = "true",
    };

    private static string LocalMotoExample() => Path.Combine(Path.GetDirectoryName(WorkerEndToEndFixture.ExampleRequestPath)!, "local-moto.json");
}
