using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Provisioner.Worker.Intake.Api;

/// <summary>
/// <c>/readyz</c>: the checks tagged <c>ready</c> (MassTransit's bus and endpoints, the saga store); 503 unless all are
/// healthy. Unauthenticated, so it shows each check's status only, never its description.
/// </summary>
public static class Readiness
{
    public const string Tag = "ready";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static HealthCheckOptions Options => new()
    {
        Predicate = check => check.Tags.Contains(Tag),
        ResultStatusCodes =
        {
            [HealthStatus.Healthy] = StatusCodes.Status200OK,
            [HealthStatus.Degraded] = StatusCodes.Status503ServiceUnavailable,
            [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
        },
        ResponseWriter = WriteAsync,
    };

    private static Task WriteAsync(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json";
        return http.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => e.Value.Status.ToString()),
        }, Json));
    }
}
