namespace Provisioner.Worker.Telemetry;

/// <summary>Bound from <c>Telemetry</c>. OTLP export follows the standard <c>OTEL_EXPORTER_OTLP_*</c> variables.</summary>
public sealed record TelemetryOptions
{
    public const string Section = "Telemetry";

    /// <summary>
    /// <c>/metrics</c> without a token. Off by default: the route needs a client with the <c>metrics</c> scope (or the
    /// development loopback switch). Turn on only where the network keeps strangers away (a NetworkPolicy).
    /// </summary>
    public bool AnonymousMetrics { get; init; }

    /// <summary>How often the gauges read from the saga store (runs in flight, outbox backlog) are refreshed.</summary>
    public TimeSpan StoreGaugeInterval { get; init; } = TimeSpan.FromSeconds(15);
}
