using MassTransit;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Provisioner.Worker.Telemetry;

/// <summary>
/// Traces (ours, MassTransit's, ASP.NET Core, HttpClient — which carries the AWS SDK, IAM and Kubernetes calls) and
/// metrics (ours, MassTransit's, HTTP), scraped at <c>/metrics</c> and sent over OTLP when
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set. Tracing is on even without an exporter: log lines carry the trace id.
/// </summary>
public static class TelemetryRegistration
{
    public const string ServiceName = "milvus-provisioner";

    public static IServiceCollection AddProvisionerTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.Section)
            .Validate(o => o.StoreGaugeInterval > TimeSpan.Zero, "Telemetry:StoreGaugeInterval must be positive").ValidateOnStart();
        services.AddPublishObserver<RunMetricsObserver>();
        services.AddHostedService<StoreGauges>();
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(r =>
            {
                if (string.IsNullOrWhiteSpace(configuration["OTEL_SERVICE_NAME"])) r.AddService(ServiceName);
            })
            .WithTracing(t => t
                .AddSource(ProvisionerTelemetry.Name, ProvisionerTelemetry.MassTransit)
                .AddAspNetCoreInstrumentation(o => o.Filter = http => !IsProbeOrScrape(http.Request.Path))
                .AddHttpClientInstrumentation())
            .WithMetrics(m => m
                .AddMeter(ProvisionerTelemetry.Name, ProvisionerTelemetry.MassTransit)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddPrometheusExporter());
        if (!string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"])) telemetry.UseOtlpExporter();
        return services;
    }

    private static bool IsProbeOrScrape(PathString path) =>
        path.StartsWithSegments("/healthz") || path.StartsWithSegments("/readyz") || path.StartsWithSegments(MetricsEndpoint.Path);
}
