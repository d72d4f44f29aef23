using Microsoft.Extensions.Options;
using Provisioner.Worker.Intake.Api;

namespace Provisioner.Worker.Telemetry;

/// <summary>
/// <c>GET /metrics</c> in Prometheus text format, guarded as the client routes are (a bearer token with the
/// <c>metrics</c> scope, or the development loopback switch) unless <see cref="TelemetryOptions.AnonymousMetrics"/>:
/// the numbers carry no tenant or environment, but how busy the worker is and how often it fails is not for anyone.
/// </summary>
public static class MetricsEndpoint
{
    public const string Path = "/metrics";

    public static IEndpointRouteBuilder MapProvisionerMetrics(this IEndpointRouteBuilder app)
    {
        if (app.ServiceProvider.GetRequiredService<IOptions<TelemetryOptions>>().Value.AnonymousMetrics)
            app.MapPrometheusScrapingEndpoint(Path);
        else
            app.MapPrometheusScrapingEndpoint(Path, meterProvider: null, branch => branch.Use(GuardAsync), optionsName: null)
                .RequireScope(ApiScopes.Metrics);
        return app;
    }

    /// <summary>The exporter's endpoint is a pipeline, not a route handler: the client routes' filters are run here by hand.</summary>
    private static async Task GuardAsync(HttpContext http, RequestDelegate next)
    {
        IEndpointFilter[] filters =
        [
            ActivatorUtilities.CreateInstance<BrowserForgeryFilter>(http.RequestServices),
            ActivatorUtilities.CreateInstance<ClientAuthenticationFilter>(http.RequestServices),
        ];
        EndpointFilterDelegate pipeline = async _ =>
        {
            await next(http);
            return null;
        };
        foreach (var filter in filters.Reverse())
        {
            var inner = pipeline;
            pipeline = context => filter.InvokeAsync(context, inner);
        }
        if (await pipeline(new DefaultEndpointFilterInvocationContext(http)) is IResult refused) await refused.ExecuteAsync(http);
    }
}
