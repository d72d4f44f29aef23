using System.Net;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Provisioner.Worker.Kubernetes;

namespace Provisioner.Worker.Tests.Infrastructure;

/// <summary>
/// The only hand-made stand-in: an in-process HTTP server on a free loopback port that speaks the part of the
/// Kubernetes REST API the worker and helm use, so KubernetesClient and the real helm binaries talk to it over HTTP
/// exactly as to a real API server: discovery, every kind in <see cref="StandInResourceTypes"/> (create, get, list,
/// watch, update, merge / strategic merge / server-side apply patches, delete), the controllers helm's wait depends
/// on (<see cref="StandInControllers"/>), TokenRequest and the OIDC discovery document. Failures can be injected and
/// every request is recorded.
/// </summary>
public sealed class KubernetesStandIn : IAsyncDisposable
{
    /// <summary>Escapes as Go's encoder does (<c>\"</c>, not <c>\u0022</c>), so answers read like kube-apiserver's.</summary>
    private static readonly JsonSerializerOptions Wire = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly WebApplication app;
    private readonly KubernetesStandInRouter router;
    private readonly List<StandInRequest> requests = [];
    private readonly Queue<int> injected = new();
    private readonly Queue<TimeSpan> delays = new();

    private KubernetesStandIn(WebApplication app, string issuer)
    {
        this.app = app;
        Issuer = issuer;
        Store = new KubernetesStandInStore();
        Discovery = new StandInDiscovery(Store.Types);
        Tokens = new StandInTokenIssuer(Store, () => Issuer);
        router = new KubernetesStandInRouter(Store, Tokens, Discovery, () => Issuer);
    }

    public Uri Url { get; private set; } = null!;

    /// <summary>What the discovery document says; null = the API server does not serve the document (404).</summary>
    public string? Issuer { get; set; }

    /// <summary>When set, every request must carry <c>Authorization: Bearer</c> this value, or gets 401.</summary>
    public string? RequiredToken { get; set; }

    public KubernetesStandInStore Store { get; }

    public StandInTokenIssuer Tokens { get; }

    public StandInDiscovery Discovery { get; }

    public IReadOnlyList<StandInRequest> Requests
    {
        get
        {
            lock (requests) return [.. requests];
        }
    }

    public IReadOnlyList<StandInRequest> MutatingRequests => Requests.Where(r => r.IsMutating).ToList();

    public static async Task<KubernetesStandIn> StartAsync(string issuer = "https://oidc.eks.us-east-2.amazonaws.com/id/STANDIN")
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], EnvironmentName = "Production" });
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var standIn = new KubernetesStandIn(builder.Build(), issuer);
        standIn.app.Run(standIn.HandleAsync);
        await standIn.app.StartAsync();
        var address = standIn.app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        standIn.Url = new Uri(address);
        return standIn;
    }

    /// <summary>The next <paramref name="count"/> requests, whatever they are, answer <paramref name="statusCode"/> (500, 429, 503, 504).</summary>
    public void FailNext(int count, int statusCode = 500)
    {
        lock (injected)
            for (var i = 0; i < count; i++) injected.Enqueue(statusCode);
    }

    /// <summary>The next <paramref name="count"/> requests answer only after <paramref name="delay"/> (a slow or hung API server).</summary>
    public void DelayNext(int count, TimeSpan delay)
    {
        lock (delays)
            for (var i = 0; i < count; i++) delays.Enqueue(delay);
    }

    /// <summary>Workloads of <paramref name="release"/> (label <c>app.kubernetes.io/instance</c>) never become ready.</summary>
    public void NeverReady(string release) => Store.Controllers.NeverReady(release);

    /// <summary>Serves a namespaced custom kind (as a CRD would), listed in discovery and stored like any other.</summary>
    public StandInResourceType ServeCustomResource(string group, string version, string plural, string kind) =>
        Store.Types.Add(new StandInResourceType(group, version, plural, kind, Namespaced: true, HasStatus: true) { Custom = true });

    public void ClearRequests()
    {
        lock (requests) requests.Clear();
    }

    public IKubernetes CreateClient(string? accessToken = null) => KubernetesClientFactory.ForServer(Url, accessToken ?? RequiredToken);

    /// <summary>Puts an object straight into the store (the test's "someone else did this"), with full validation.</summary>
    public JsonObject Seed(string resource, string ns, JsonObject body)
    {
        var result = Store.Create(resource, ns, body);
        return result.IsSuccess ? (JsonObject)result.Body : throw new InvalidOperationException(result.Body.ToJsonString(Wire));
    }

    public JsonObject? Find(string resource, string ns, string name) =>
        Store.Get(resource, ns, name) is { IsSuccess: true, Body: JsonObject found } ? found : null;

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var logged = new StandInRequest(request.Method, request.Path.Value ?? "/", request.ContentType, request.QueryString.Value);
        lock (requests) requests.Add(logged);
        TimeSpan? delay;
        lock (delays) delay = delays.TryDequeue(out var d) ? d : null;
        if (delay is { } wait) await Task.Delay(wait, context.RequestAborted);
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, context.RequestAborted);
        var contentType = request.ContentType;
        JsonNode? body;
        if (contentType?.StartsWith(StandInProtobuf.MediaType, StringComparison.OrdinalIgnoreCase) == true && StandInProtobuf.Decode(buffer.ToArray()) is { } decoded)
            (body, contentType) = (decoded, "application/json");
        else
            body = KubernetesStandInRouter.ParseBody(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
        var result = NextInjected() is { } failure ? KubernetesStatus.Injected(failure)
            : RequiredToken is { } token && request.Headers.Authorization.ToString() != $"Bearer {token}" ? KubernetesStatus.Unauthorized()
            : null;
        if (result is null && request.Method == "GET" && request.Query["watch"] is ["true" or "1"]
            && StandInPath.Parse(Store.Types, request.Path.Value ?? "/") is { } watched)
        {
            logged.StatusCode = 200;
            await StandInWatchStream.WriteAsync(context, Store, watched);
            return;
        }
        try
        {
            result ??= router.Route(request.Method, request.Path.Value ?? "/", contentType, body, key => request.Query[key].FirstOrDefault());
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException or ArgumentException or NullReferenceException)
        {
            // A defect of the stand-in shows as kube-apiserver's own 500, with the reason, rather than a dropped connection.
            result = KubernetesStatus.Internal(ex.GetType().Name + ": " + ex.Message);
        }
        logged.StatusCode = result.StatusCode;
        context.Response.StatusCode = result.StatusCode;
        context.Response.ContentType = "application/json";
        if (result.StatusCode == 429) context.Response.Headers.RetryAfter = "1";
        await context.Response.WriteAsync(result.Body.ToJsonString(Wire), context.RequestAborted);
    }

    private int? NextInjected()
    {
        lock (injected) return injected.TryDequeue(out var status) ? status : null;
    }
}
