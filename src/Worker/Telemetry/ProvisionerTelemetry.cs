using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Provisioner.Worker.Telemetry;

/// <summary>
/// The worker's own trace source and meter. Spans of ours are named after the stage (<c>bucket execute</c>) and sit
/// under MassTransit's consume spans, so one run is one trace from the request to its outcome.
/// </summary>
public static class ProvisionerTelemetry
{
    public const string Name = "Provisioner.Worker";

    /// <summary>MassTransit 8's own ActivitySource and Meter.</summary>
    public const string MassTransit = "MassTransit";

    public static readonly ActivitySource Source = new(Name);

    public static readonly Meter Meter = new(Name);

    /// <summary>A span of ours: <c>{stage} {operation}</c> with the environment, for a stage's work or an outside call.</summary>
    public static Activity? StartStage(string stage, string operation, string environment)
    {
        var activity = Source.StartActivity($"{stage} {operation}");
        activity?.SetTag("provisioner.stage", stage);
        activity?.SetTag("provisioner.environment", environment);
        return activity;
    }

    /// <summary>Marks the span failed with the exception's type only: messages may name resources, never secrets, but stay in logs.</summary>
    public static void Failed(Activity? activity, Exception exception)
    {
        activity?.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
        activity?.SetTag("error.type", exception.GetType().FullName);
    }
}
