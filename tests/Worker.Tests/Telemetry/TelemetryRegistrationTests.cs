using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Provisioner.Worker.Aws;
using Provisioner.Worker.Telemetry;
using Provisioner.Worker.Tests.Infrastructure;
using Provisioner.Worker.Tests.Intake;
using Provisioner.Worker.Tests.Intake.Api;

namespace Provisioner.Worker.Tests.Telemetry;

/// <summary>A run through the worker's composition (HTTP, bus, saga, stage activities) with telemetry on, as the program registers it.</summary>
public sealed class TelemetryRegistrationTests : IDisposable
{
    private readonly ConcurrentQueue<Activity> spans = new();
    private readonly ActivityListener listener;

    public TelemetryRegistrationTests()
    {
        listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name is ProvisionerTelemetry.Name or ProvisionerTelemetry.MassTransit or "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
    }

    public void Dispose() => listener.Dispose();

    [Fact]
    public async Task Run_SubmittedOverHttp_OneTraceFromTheRequestThroughTheSagaToEveryStage()
    {
        await using var host = await ApiTestHost.StartAsync(telemetry: true);
        var environment = IntakeJson.Environment();

        Assert.Equal("provisioned", await host.Http.ProvisionAsync(environment));

        var stageSpans = await StageSpansAsync(environment, ["bucket ensure", "access-policy ensure", "role ensure"]);
        var trace = Assert.Single(stageSpans.Select(s => s.TraceId).Distinct());
        var inTrace = spans.Where(s => s.TraceId == trace).ToList();
        Assert.Contains(inTrace, s => s.Source.Name == "Microsoft.AspNetCore" && s.DisplayName.StartsWith("POST", StringComparison.Ordinal));
        // The saga's consumes (the request, the routing slip's events) and every stage activity's execute are in it.
        Assert.Contains(inTrace, s => s.Source.Name == ProvisionerTelemetry.MassTransit && s.DisplayName.Contains("provisioning-state", StringComparison.Ordinal));
        Assert.Contains(inTrace, s => s.Source.Name == ProvisionerTelemetry.MassTransit && s.DisplayName.Contains("bucket_execute", StringComparison.Ordinal));
        Assert.All(stageSpans, s => Assert.Equal(ProvisionerTelemetry.MassTransit, Parent(s)?.Source.Name));
    }

    [Fact]
    public async Task Metrics_AfterARun_PrometheusTextWithRunStageAndIntakeSeries()
    {
        await using var host = await ApiTestHost.StartAsync(new Dictionary<string, string?> { ["Telemetry:StoreGaugeInterval"] = "00:00:00.2" },
            telemetry: true);
        Assert.Equal("provisioned", await host.Http.ProvisionAsync(IntakeJson.Environment()));

        var text = "";
        await Eventually.TrueAsync(() =>
        {
            using var response = host.Http.GetAsync(new Uri(MetricsEndpoint.Path, UriKind.Relative)).GetAwaiter().GetResult();
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
            text = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
            return Series(text, "provisioner_runs_finished_total", ("outcome", "provisioned"));
        }, "the run's outcome in /metrics");

        Assert.True(Series(text, "provisioner_runs_started_total"), text);
        Assert.True(Series(text, "provisioner_stage_duration_seconds_bucket", ("stage", "bucket"), ("action", "created"), ("le", "+Inf")), text);
        Assert.True(Series(text, "provisioner_stage_duration_seconds_count", ("stage", "role"), ("action", "created")), text);
        Assert.True(Series(text, "provisioner_intake_requests_total", ("source", "api"), ("result", "accepted")), text);
        Assert.True(Series(text, "provisioner_runs_in_flight"), text);
        Assert.True(Series(text, "provisioner_outbox_backlog"), text);
        Assert.Contains("# TYPE provisioner_stage_duration_seconds histogram", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_InvalidRequestThenRolledBackRun_RejectedAndRolledBackCounted()
    {
        await using var host = await ApiTestHost.StartAsync(telemetry: true);
        using (var invalid = await host.Http.SendAsync(HttpMethod.Post, "/environments", IntakeJson.Invalid(IntakeJson.Environment())))
            Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        host.Role.FailCreate = new AwsException("iam", "MalformedPolicyDocument", "role refused", HttpStatusCode.BadRequest);

        Assert.Equal("rolled-back", await host.Http.ProvisionAsync(IntakeJson.Environment()));

        // The outcome event is published after the saga is saved, so a moment after the status shows it.
        var text = "";
        await Eventually.TrueAsync(() => Series(text = host.Http.GetStringAsync(new Uri(MetricsEndpoint.Path, UriKind.Relative)).GetAwaiter().GetResult(),
            "provisioner_runs_finished_total", ("outcome", "rolled_back")), "the rolled-back outcome in /metrics");
        Assert.True(Series(text, "provisioner_intake_requests_total", ("source", "api"), ("result", "rejected")), text);
        Assert.True(Series(text, "provisioner_stage_duration_seconds_count", ("stage", "role"), ("action", "failed")), text);
        Assert.True(Series(text, "provisioner_stage_compensations_total", ("stage", "bucket"), ("action", "deleted")), text);
    }

    private async Task<IReadOnlyList<Activity>> StageSpansAsync(string environment, IReadOnlyList<string> names)
    {
        List<Activity> found = [];
        await Eventually.TrueAsync(() =>
        {
            found = spans.Where(s => s.Source.Name == ProvisionerTelemetry.Name && Equals(s.GetTagItem("provisioner.environment"), environment)).ToList();
            return names.All(n => found.Any(s => s.DisplayName == n));
        }, "a span of ours for every stage");
        return found;
    }

    private Activity? Parent(Activity span) => spans.FirstOrDefault(s => s.SpanId == span.ParentSpanId);

    /// <summary>A sample line of <paramref name="name"/> carrying every one of <paramref name="labels"/>.</summary>
    private static bool Series(string text, string name, params (string Label, string Value)[] labels) =>
        text.Split('\n').Any(line => Regex.IsMatch(line, $"^{Regex.Escape(name)}(\\{{| )")
                                     && labels.All(l => line.Contains($"{l.Label}=\"{l.Value}\"", StringComparison.Ordinal)));
}
