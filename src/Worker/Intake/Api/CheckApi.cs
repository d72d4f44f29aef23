using Provisioner.Worker.Drift;

namespace Provisioner.Worker.Intake.Api;

/// <summary>
/// <c>POST /environments/{e}/check</c>: a drift check now, observe-only, answered with the differences. What it finds is
/// reported like a scheduled check's (events, status <c>drifted</c>), but never repaired from here.
/// </summary>
public static class CheckApi
{
    public static async Task<IResult> CheckAsync(string id, HttpContext http, TenantAccess tenants, DriftCheck check, CancellationToken ct)
    {
        if (await tenants.FindAsync(id, ApiClient.Of(http).Caller, ct) is not { } saga) return ApiResults.NotFound(id);
        return await check.CheckAndReportAsync(saga, repair: false, ct) is { } report
            ? Results.Ok(report)
            : Results.Problem($"environment '{id}' has a run under way or nothing applied to compare with; check again when it is provisioned",
                statusCode: StatusCodes.Status409Conflict, title: "Nothing to check");
    }
}
