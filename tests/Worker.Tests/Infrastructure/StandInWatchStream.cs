using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Provisioner.Worker.Tests.Infrastructure;

/// <summary>
/// Answers <c>?watch=true</c>: a chunked stream of watch events, one JSON object a line, until <c>timeoutSeconds</c>
/// or the client leaves. <c>sendInitialEvents=true</c> (client-go's watch-list) gets the current objects and then the
/// bookmark that ends them, as kube-apiserver sends it.
/// </summary>
public static class StandInWatchStream
{
    private static readonly JsonSerializerOptions Wire = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly TimeSpan LongestWatch = TimeSpan.FromMinutes(10);

    public static async Task WriteAsync(HttpContext context, KubernetesStandInStore store, StandInPath target)
    {
        var query = context.Request.Query;
        var labels = StandInSelector.Parse(query["labelSelector"], out var problem);
        var fields = StandInSelector.Parse(query["fieldSelector"], out var fieldProblem);
        if (labels is null || fields is null || !target.IsCollection)
        {
            var failure = labels is null || fields is null ? KubernetesStatus.BadRequest(problem ?? fieldProblem!) : KubernetesStatus.MethodNotAllowed();
            context.Response.StatusCode = failure.StatusCode;
            await context.Response.WriteAsync(failure.Body.ToJsonString(Wire), context.RequestAborted);
            return;
        }
        var initialEvents = query["sendInitialEvents"] == "true";
        var (subscription, resourceVersion) = store.Watch(target.Type, target.Namespace, labels, fields, query["resourceVersion"], initialEvents);
        var seconds = int.TryParse(query["timeoutSeconds"], out var s) && s > 0 ? TimeSpan.FromSeconds(s) : LongestWatch;
        using var until = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        until.CancelAfter(seconds < LongestWatch ? seconds : LongestWatch);
        try
        {
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/json";
            if (initialEvents)
            {
                while (subscription.Events.Reader.TryRead(out var initial)) await WriteEventAsync(context, initial, until.Token);
                await WriteEventAsync(context, Bookmark(target.Type, resourceVersion), until.Token);
            }
            await context.Response.Body.FlushAsync(until.Token);
            await foreach (var change in subscription.Events.Reader.ReadAllAsync(until.Token)) await WriteEventAsync(context, change, until.Token);
        }
        catch (OperationCanceledException)
        {
            // The watch timed out or the client went away: the stream simply ends, as kube-apiserver's does.
        }
        finally
        {
            store.Watches.Close(subscription);
        }
    }

    private static async Task WriteEventAsync(HttpContext context, JsonObject change, CancellationToken ct)
    {
        await context.Response.WriteAsync(change.ToJsonString(Wire) + "\n", ct);
        await context.Response.Body.FlushAsync(ct);
    }

    private static JsonObject Bookmark(StandInResourceType type, string resourceVersion) => new()
    {
        ["type"] = "BOOKMARK",
        ["object"] = new JsonObject
        {
            ["kind"] = type.Kind, ["apiVersion"] = type.ApiVersion,
            ["metadata"] = new JsonObject
            {
                ["resourceVersion"] = resourceVersion, ["annotations"] = new JsonObject { ["k8s.io/initial-events-end"] = "true" },
            },
        },
    };
}
