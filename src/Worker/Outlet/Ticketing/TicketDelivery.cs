using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Provisioner.Worker.Intake.Ticketing;
using Provisioner.Worker.SagaStore;

namespace Provisioner.Worker.Outlet.Ticketing;

/// <summary>
/// A ticket callback: <c>{"ticket":{"system","key"},"final":bool,"event":&lt;CloudEvent&gt;}</c> POSTed to the ticket's
/// callback URL, signed afresh per attempt, one attempt per call. Logs name the callback's host only: webhook URLs often
/// carry a token in their path.
/// </summary>
public sealed class TicketDelivery(IHttpClientFactory httpClients, IOptions<TicketingOptions> options, CallbackPolicy policy,
    TimeProvider clock, ILogger<TicketDelivery> logger) : IOutboxDelivery
{
    public const string HttpClientName = "ticket-callbacks";
    public const string EventIdHeader = "X-Provisioner-Event-Id";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string Destination => OutletRouting.Ticket;

    public async Task<DeliveryResult> DeliverAsync(ClaimedOutboxRow claimed, CancellationToken ct)
    {
        var o = options.Value;
        var target = JsonSerializer.Deserialize<CallbackTarget>(claimed.Row.Target!, Json)!;
        var host = Uri.TryCreate(target.Url, UriKind.Absolute, out var uri) ? uri.Authority : "(invalid url)";
        if (string.IsNullOrEmpty(o.Secret)) return DeliveryResult.GiveUp("Ticketing:Secret is no longer set (a callback is never sent unsigned)");
        if (uri is null || !policy.IsAllowedHost(CallbackPolicy.HostOf(uri)))
            return DeliveryResult.GiveUp($"ticket {target.System} {target.Key}: {host} is not in Ticketing:AllowedCallbackHosts (any more)");
        if (clock.GetUtcNow() - claimed.CreatedAt > o.GiveUpAfter)
            return DeliveryResult.GiveUp($"ticket {target.System} {target.Key}: not delivered to {host} within {o.GiveUpAfter}");
        var body = Body(target, claimed.Row.Payload);
        try
        {
            using var attempt = CancellationTokenSource.CreateLinkedTokenSource(ct);
            attempt.CancelAfter(o.Timeout);
            using var request = Request(target.Url, body, claimed.Row.EventId, o.Secret);
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, attempt.Token);
            if (!response.IsSuccessStatusCode) return DeliveryResult.Retry($"{host} answered HTTP {(int)response.StatusCode}");
        }
        catch (Exception ex) when (ex is HttpRequestException || ex is OperationCanceledException && !ct.IsCancellationRequested)
        {
            return DeliveryResult.Retry(ex is OperationCanceledException ? $"{host} did not answer within {o.Timeout}" : $"{host}: {ex.Message}");
        }
        logger.LogInformation("Ticket {TicketSystem} {TicketKey}: {EventType} delivered to {CallbackHost}", target.System, target.Key,
            claimed.Row.EventType, host);
        return DeliveryResult.Delivered;
    }

    /// <summary>Capped exponential backoff with jitter, so a receiver that comes back is not hit by every replica at once.</summary>
    public TimeSpan Backoff(int attempts)
    {
        var o = options.Value;
        var capped = Math.Min(o.MaxBackoff.Ticks, o.InitialBackoff.Ticks * (1L << Math.Min(attempts - 1, 20)));
        return TimeSpan.FromTicks((long)(capped * (0.8 + Random.Shared.NextDouble() * 0.4)));
    }

    private static byte[] Body(CallbackTarget target, string payload) => Encoding.UTF8.GetBytes(new JsonObject
    {
        ["ticket"] = new JsonObject { ["system"] = target.System, ["key"] = target.Key },
        ["final"] = target.Final,
        ["event"] = JsonNode.Parse(payload),
    }.ToJsonString());

    private HttpRequestMessage Request(string url, byte[] body, string eventId, string secret)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
        request.Headers.TryAddWithoutValidation(CallbackSignature.Header, CallbackSignature.Create(secret, clock.GetUtcNow(), body));
        request.Headers.TryAddWithoutValidation(EventIdHeader, eventId);
        return request;
    }
}
