using System.Diagnostics.Metrics;

namespace Provisioner.Worker.Telemetry;

/// <summary>
/// Every instrument of the worker's meter (names as OpenTelemetry spells them; Prometheus sees <c>.</c> as <c>_</c>, counters
/// with <c>_total</c>, the duration with <c>_seconds</c>). Labels are bounded: stage, action, outcome, service, source.
/// Never an environment, tenant or resource name.
/// </summary>
public static class ProvisionerMetrics
{
    private static readonly Counter<long> RunsStarted = ProvisionerTelemetry.Meter.CreateCounter<long>("provisioner.runs.started",
        description: "Runs started (provisioning, reconciling, deprovisioning)");

    private static readonly Counter<long> RunsFinished = ProvisionerTelemetry.Meter.CreateCounter<long>("provisioner.runs.finished",
        description: "Runs and key rotations finished, by outcome");

    private static readonly Histogram<double> StageDuration = ProvisionerTelemetry.Meter.CreateHistogram("provisioner.stage.duration",
        unit: "s", description: "One stage call (execute), by stage and the action it took",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600] });

    private static readonly Counter<long> Compensations = ProvisionerTelemetry.Meter.CreateCounter<long>("provisioner.stage.compensations",
        description: "Stages compensated, by stage and what the compensation did");

    private static readonly Counter<long> AwsRetries = ProvisionerTelemetry.Meter.CreateCounter<long>("provisioner.aws.retries",
        description: "AWS calls retried, by service and reason (throttling, error)");

    private static readonly Counter<long> AwsThrottled = ProvisionerTelemetry.Meter.CreateCounter<long>("provisioner.aws.throttled",
        description: "Throttling answers from AWS, by service");

    private static readonly Counter<long> Intake = ProvisionerTelemetry.Meter.CreateCounter<long>("provisioner.intake.requests",
        description: "Requests at the ways in, by source (api, webhook, sqs) and result (accepted, rejected; for sqs dead_lettered, left_for_redrive)");

    private static readonly Counter<long> DriftChecks = ProvisionerTelemetry.Meter.CreateCounter<long>("provisioner.drift.checks",
        description: "Drift checks of environments, by result (in_sync, drifted, skipped, failed)");

    private static readonly Counter<long> DriftFound = ProvisionerTelemetry.Meter.CreateCounter<long>("provisioner.drift.found",
        description: "Drifted resources newly reported, by stage and kind (missing, foreign, changed)");

    private static readonly Counter<long> DriftRepaired = ProvisionerTelemetry.Meter.CreateCounter<long>("provisioner.drift.repaired",
        description: "Drifted resources found as applied again, by stage and how (run, by_hand)");

    public static void DriftChecked(string result) => DriftChecks.Add(1, new KeyValuePair<string, object?>("result", result));

    public static void DriftReported(string stage, string kind) => DriftFound.Add(1, new("stage", stage), new("kind", kind));

    public static void DriftCleared(string stage, string how) => DriftRepaired.Add(1, new("stage", stage), new("how", how));

    public static void RunStarted() => RunsStarted.Add(1);

    public static void RunFinished(string outcome) => RunsFinished.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public static void StageCalled(string stage, string action, TimeSpan elapsed) =>
        StageDuration.Record(elapsed.TotalSeconds, new("stage", stage), new("action", action));

    public static void StageCompensated(string stage, string action) => Compensations.Add(1, new("stage", stage), new("action", action));

    public static void AwsRetried(string service, bool throttled)
    {
        AwsRetries.Add(1, new("service", service), new("reason", throttled ? "throttling" : "error"));
        if (throttled) AwsThrottled.Add(1, new KeyValuePair<string, object?>("service", service));
    }

    public static void IntakeRequest(string source, string result) => Intake.Add(1, new("source", source), new("result", result));
}
