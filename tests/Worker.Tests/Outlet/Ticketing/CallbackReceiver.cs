using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Provisioner.Worker.Intake.Ticketing;
using Provisioner.Worker.Outlet.Ticketing;

namespace Provisioner.Worker.Tests.Outlet.Ticketing;

/// <summary>
/// A ticketing system's callback endpoint on a free loopback port. <see cref="Respond"/> decides each answer (fail,
/// hang, accept); <see cref="Accepted"/> keeps the callbacks it accepted, in arrival order.
/// </summary>
internal sealed class CallbackReceiver : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<ReceivedCallback> accepted = new();
    private int attempts;

    private CallbackReceiver(WebApplication app) => this.app = app;

    public Func<int, CancellationToken, Task<int>> Respond { get; set; } = (_, _) => Task.FromResult(200);

    public Uri Url { get; private set; } = null!;

    public int Attempts => Volatile.Read(ref attempts);

    public IReadOnlyList<ReceivedCallback> Accepted => accepted.ToList();

    public static async Task<CallbackReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new CallbackReceiver(app);
        app.MapPost("/hooks/{ticket}", (Delegate)receiver.ReceiveAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        receiver.Url = new Uri($"{address}/hooks/");
        return receiver;
    }

    public async Task<IReadOnlyList<ReceivedCallback>> WaitForAsync(int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (accepted.Count < count && DateTime.UtcNow < deadline) await Task.Delay(50);
        return Accepted;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync(new CancellationTokenSource(TimeSpan.FromSeconds(2)).Token);
        await app.DisposeAsync();
    }

    private async Task<IResult> ReceiveAsync(HttpContext http)
    {
        var attempt = Interlocked.Increment(ref attempts);
        using var body = new MemoryStream();
        await http.Request.Body.CopyToAsync(body, http.RequestAborted);
        var status = await Respond(attempt, http.RequestAborted);
        if (status is >= 200 and < 300)
            accepted.Enqueue(new ReceivedCallback(http.Request.Path, http.Request.Headers[CallbackSignature.Header].ToString(),
                http.Request.Headers[TicketDelivery.EventIdHeader].ToString(), body.ToArray(), DateTimeOffset.UtcNow));
        return Results.StatusCode(status);
    }
}
