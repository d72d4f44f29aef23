using Serilog.Core;
using Serilog.Events;

namespace Provisioner.Worker.Telemetry;

/// <summary>
/// <c>{Trace}</c> in the output template: <c> trace=&lt;id&gt;</c> when the line was written inside a span (a run's
/// stage, an HTTP request), nothing otherwise, so a log line leads to the run's trace and back.
/// </summary>
public sealed class TraceIdEnricher : ILogEventEnricher
{
    public const string Property = "Trace";

    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        if (logEvent.TraceId is { } trace) logEvent.AddPropertyIfAbsent(propertyFactory.CreateProperty(Property, $" trace={trace.ToHexString()}"));
    }
}
