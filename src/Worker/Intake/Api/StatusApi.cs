using System.Globalization;
using System.Text.Json;
using Provisioner.Contracts;
using Provisioner.Worker.Planning;
using Provisioner.Worker.Runs;
using Provisioner.Worker.StateMachine;
using Provisioner.Worker.Validation;

namespace Provisioner.Worker.Intake.Api;

/// <summary>
/// An environment's status from the saga store, without polling: <c>?wait=</c> holds the answer until the state changes,
/// and <c>/events</c> streams every change (server-sent events) until the run is at rest. The ETag is the stored version.
/// Another tenant's environment is answered exactly as one that does not exist.
/// </summary>
public static class StatusApi
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);

    /// <summary>
    /// With <c>wait</c> (seconds, at most <see cref="StatusWatch.MaxWaitSeconds"/>): answers at once when nothing is under
    /// way, else when the state changes; with <c>If-None-Match</c> it waits until the version differs from that one. A
    /// name with no environment (yet) is answered when the caller's submit has made one, else 404 at the timeout — as
    /// another tenant's environment is.
    /// </summary>
    public static async Task<IResult> StatusAsync(string id, int? wait, HttpContext http, TenantAccess tenants, StatusWatch watch, CancellationToken ct)
    {
        if (wait is < 0) return ApiResults.Malformed($"wait must be 0 to {StatusWatch.MaxWaitSeconds} seconds");
        var caller = ApiClient.Of(http).Caller;
        ProvisioningState? saga;
        if (wait is > 0)
        {
            using var follower = watch.Follow(id, caller);
            saga = await follower.LoadAsync(ct);
            if (ShouldWait(saga, http, id))
                saga = await follower.NextAsync(saga?.Version, TimeSpan.FromSeconds(Math.Min(wait.Value, StatusWatch.MaxWaitSeconds)), ct);
        }
        else saga = await tenants.FindAsync(id, caller, ct);
        if (saga is null) return ApiResults.NotFound(id);
        http.Response.Headers.ETag = ETag(saga.Version);
        return Results.Ok(StatusDocument.From(saga));
    }

    /// <summary>
    /// <c>event: status</c> with the whole document at every change and <c>event: stage</c> for each stage record that
    /// changed, ids being the stored version; ends once nothing is under way (after the first document).
    /// </summary>
    public static async Task EventsAsync(string id, HttpContext http, StatusWatch watch, CancellationToken ct)
    {
        var caller = ApiClient.Of(http).Caller;
        using var follower = watch.Follow(id, caller);
        if (await follower.LoadAsync(ct) is not { } saga)
        {
            await ApiResults.NotFound(id).ExecuteAsync(http);
            return;
        }
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        IReadOnlyList<StageRecord> stages = [];
        var seen = -1;
        while (!ct.IsCancellationRequested)
        {
            if (saga.Version != seen)
            {
                var document = StatusDocument.From(saga);
                foreach (var stage in document.Stages.Where(s => !stages.Any(seenStage => Same(seenStage, s)))) await WriteAsync(http, "stage", saga.Version, stage, ct);
                await WriteAsync(http, "status", saga.Version, document, ct);
                (stages, seen) = (document.Stages, saga.Version);
                if (!StatusWatch.InProgress(saga)) return;
            }
            else
            {
                await http.Response.WriteAsync(": keep-alive\n\n", ct);
                await http.Response.Body.FlushAsync(ct);
            }
            if (await follower.NextAsync(seen, KeepAlive, ct) is not { } next) return;
            saga = next;
        }
    }

    /// <summary>
    /// Wait while a run is under way or the caller has seen this version; and for an environment that does not exist
    /// (yet), so a client can wait right after its submit: the saga exists only once the bus has delivered the request.
    /// </summary>
    private static bool ShouldWait(ProvisioningState? saga, HttpContext http, string id) => saga is null
        ? !NameRules.DnsLabel(id, ResourceNames.MaxEnvironmentLength).Any() // a name that cannot exist is answered at once
        : (SeenVersion(http) ?? (StatusWatch.InProgress(saga) ? saga.Version : (int?)null)) == saga.Version;

    private static bool Same(StageRecord a, StageRecord b) =>
        (a.Stage, a.Status, a.Action, a.StartedAt, a.CompletedAt, a.CompensatedAt, a.Detail) == (b.Stage, b.Status, b.Action, b.StartedAt, b.CompletedAt, b.CompensatedAt, b.Detail);

    private static int? SeenVersion(HttpContext http) =>
        http.Request.Headers.IfNoneMatch.ToString().Trim().Trim('"') is { Length: > 0 } tag
        && int.TryParse(tag, NumberStyles.None, CultureInfo.InvariantCulture, out var version) ? version : null;

    private static string ETag(int version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    private static async Task WriteAsync<T>(HttpContext http, string name, int version, T data, CancellationToken ct)
    {
        await http.Response.WriteAsync($"id: {version.ToString(CultureInfo.InvariantCulture)}\nevent: {name}\ndata: {JsonSerializer.Serialize(data, Json)}\n\n", ct);
        await http.Response.Body.FlushAsync(ct);
    }
}
