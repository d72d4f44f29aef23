using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Forwarder;

namespace Provisioner.FaultProxy;

/// <summary>
/// An HTTP proxy in front of an AWS emulator that behaves like AWS under load: each call is held back by a latency
/// drawn for its service, calls over a service's rate are answered with that service's throttling error, and every
/// call is counted. YARP's forwarder does the forwarding; the admin endpoints under <see cref="AdminPrefix"/> read
/// the counts and replace the profile.
/// </summary>
public sealed class FaultProxy : IAsyncDisposable
{
    public const string AdminPrefix = "/_faultproxy";

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private readonly WebApplication app;
    private readonly HttpMessageInvoker upstreamClient;
    private volatile FaultPolicy policy;

    private FaultProxy(WebApplication app, HttpMessageInvoker upstreamClient, FaultProfile profile)
    {
        this.app = app;
        this.upstreamClient = upstreamClient;
        policy = new FaultPolicy(profile, TimeProvider.System);
    }

    public Uri Endpoint { get; private set; } = null!;

    public Uri Upstream { get; private init; } = null!;

    public RequestCounts Counts { get; } = new();

    /// <summary>The profile in force; setting one starts its rate limits afresh (buckets full).</summary>
    public FaultProfile Profile
    {
        get => policy.Profile;
        set => policy = new FaultPolicy(value, TimeProvider.System);
    }

    public static async Task<FaultProxy> StartAsync(FaultProxyOptions options, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IHostLifetime, ExternalLifetime>();
        builder.Services.AddHttpForwarder();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, options.Port));
        var app = builder.Build();
        var client = new HttpMessageInvoker(new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            ConnectTimeout = TimeSpan.FromSeconds(15),
        });
        var proxy = new FaultProxy(app, client, options.Profile) { Upstream = options.Upstream };
        var forwarder = app.Services.GetRequiredService<IHttpForwarder>();
        var destination = options.Upstream.GetLeftPart(UriPartial.Authority);
        var transformer = new OriginalHostTransformer();
        var requestConfig = new ForwarderRequestConfig { ActivityTimeout = TimeSpan.FromSeconds(100) };
        app.Run(context => context.Request.Path.StartsWithSegments(AdminPrefix)
            ? proxy.AdminAsync(context)
            : proxy.ForwardAsync(context, forwarder, destination, requestConfig, transformer));
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        proxy.Endpoint = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/') + "/");
        return proxy;
    }

    private async Task ForwardAsync(HttpContext context, IHttpForwarder forwarder, string destination, ForwarderRequestConfig config,
        HttpTransformer transformer)
    {
        var call = await AwsCallClassifier.ClassifyAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
        var (delay, throttled) = call.Service == AwsCall.EmulatorService ? (TimeSpan.Zero, false) : policy.Decide(call);
        Counts.Add(call, throttled);
        if (delay > TimeSpan.Zero) await Task.Delay(delay, context.RequestAborted).ConfigureAwait(false);
        if (throttled)
        {
            await ThrottlingResponses.WriteAsync(context, call).ConfigureAwait(false);
            return;
        }
        await forwarder.SendAsync(context, destination, upstreamClient, config, transformer).ConfigureAwait(false);
    }

    private async Task AdminAsync(HttpContext context)
    {
        var what = context.Request.Path.Value![AdminPrefix.Length..].Trim('/');
        switch (context.Request.Method, what)
        {
            case ("GET", "counts"):
                await context.Response.WriteAsJsonAsync(Counts.Snapshot(), Json, context.RequestAborted).ConfigureAwait(false);
                break;
            case ("DELETE", "counts"):
                Counts.Reset();
                context.Response.StatusCode = StatusCodes.Status204NoContent;
                break;
            case ("GET", "profile"):
                await context.Response.WriteAsJsonAsync(Profile, Json, context.RequestAborted).ConfigureAwait(false);
                break;
            case ("PUT", "profile"):
                var profile = await context.Request.ReadFromJsonAsync<FaultProfile>(Json, context.RequestAborted).ConfigureAwait(false);
                if (profile is null)
                {
                    context.Response.StatusCode = StatusCodes.Status400BadRequest;
                    break;
                }
                Profile = profile;
                context.Response.StatusCode = StatusCodes.Status204NoContent;
                break;
            default:
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                break;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync().ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
        upstreamClient.Dispose();
    }
}
