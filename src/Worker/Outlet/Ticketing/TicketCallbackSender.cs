using System.Net.Http.Headers;
using Microsoft.Extensions.Options;
using Provisioner.Worker.Intake.Ticketing;

namespace Provisioner.Worker.Outlet.Ticketing;

/// <summary>Delivers one callback: signed afresh per attempt, retried with capped, jittered backoff until it lands or is too old.</summary>
public sealed class TicketCallbackSender(IHttpClientFactory httpClients, IOptions<TicketingOptions> options, TimeProvider clock,
    ILogger<TicketCallbackSender> logger)
{
    public const string HttpClientName = "ticket-callbacks";
    public const string EventIdHeader = "X-Provisioner-Event-Id";

    public async Task<bool> DeliverAsync(PendingCallback callback, CancellationToken stopping)
    {
        var o = options.Value;
        var http = httpClients.CreateClient(HttpClientName);
        var backoff = o.InitialBackoff;
        for (var attempt = 1; !stopping.IsCancellationRequested; attempt++)
        {
            string failure;
            try
            {
                using var attemptTimeout = CancellationTokenSource.CreateLinkedTokenSource(stopping);
                attemptTimeout.CancelAfter(o.Timeout);
                using var response = await http.SendAsync(Request(callback, o.Secret!), attemptTimeout.Token);
                if (response.IsSuccessStatusCode)
                {
                    logger.LogInformation("Ticket {TicketSystem} {TicketKey}: {EventType} delivered to {CallbackHost} (attempt {Attempt})",
                        callback.Ticket.System, callback.Ticket.Key, callback.EventType, callback.Host, attempt);
                    return true;
                }
                failure = $"HTTP {(int)response.StatusCode}";
            }
            catch (Exception ex) when (ex is HttpRequestException || ex is OperationCanceledException && !stopping.IsCancellationRequested)
            {
                failure = ex is OperationCanceledException ? $"no answer within {o.Timeout}" : ex.Message;
            }
            if (clock.GetUtcNow() + backoff - callback.QueuedAt > o.GiveUpAfter)
            {
                logger.LogError("Ticket {TicketSystem} {TicketKey}: giving up on {EventType} to {CallbackHost} after {Attempt} attempts: {Failure}",
                    callback.Ticket.System, callback.Ticket.Key, callback.EventType, callback.Host, attempt, failure);
                return false;
            }
            logger.LogWarning("Ticket {TicketSystem} {TicketKey}: {EventType} to {CallbackHost} failed ({Failure}); retrying in {Backoff}",
                callback.Ticket.System, callback.Ticket.Key, callback.EventType, callback.Host, failure, backoff);
            try
            {
                await Task.Delay(backoff * (0.8 + Random.Shared.NextDouble() * 0.4), clock, stopping);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, o.MaxBackoff.Ticks));
        }
        return false;
    }

    private HttpRequestMessage Request(PendingCallback callback, string secret)
    {
        var content = new ByteArrayContent(callback.Body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        var request = new HttpRequestMessage(HttpMethod.Post, callback.Url) { Content = content };
        request.Headers.TryAddWithoutValidation(CallbackSignature.Header, CallbackSignature.Create(secret, clock.GetUtcNow(), callback.Body));
        request.Headers.TryAddWithoutValidation(EventIdHeader, callback.EventId);
        return request;
    }
}
