using Provisioner.Worker.Drift;

namespace Provisioner.Worker.Intake.Api;

/// <summary>
/// <c>POST /environments/{e}/check</c>: a drift check now, observe-only, answered with the differences. It needs only the
/// <c>read</c> scope, so it records nothing (no event, no status change): the scheduled check and the operator's
/// <c>check</c> verb do.
/// </summary>
public static class CheckApi
{
    public static async Task<IResult> CheckAsync(string id, HttpContext http, TenantAccess tenants, DriftCheck check, CancellationToken ct)
    {
        if (await tenants.FindAsync(id, ApiClient.Of(http).Caller, ct) is not { } saga) return ApiResults.NotFound(id);
        return await check.CheckAsync(saga, ct) is { } report
            ? Results.Ok(report)
            : Results.Problem($"environment '{id}' has a run under way or nothing applied to compare with; check again when it is provisioned",
                statusCode: StatusCodes.Status409Conflict, title: "Nothing to check");
    }
}
