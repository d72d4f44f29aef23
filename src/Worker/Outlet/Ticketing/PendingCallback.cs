using System.Text.Json;
using Provisioner.Contracts;

namespace Provisioner.Worker.Outlet.Ticketing;

/// <summary>One callback to deliver: the body is fixed when the event is queued; the signature is made per attempt.</summary>
public sealed record PendingCallback(string Url, byte[] Body, string EventType, string EventId, TicketReference Ticket, DateTimeOffset QueuedAt)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary><c>{"ticket":{"system","key"},"final":bool,"event":&lt;CloudEvent&gt;}</c>; the callback URL is not echoed.</summary>
    public static PendingCallback For(TicketReference ticket, OutletEvent outgoing, DateTimeOffset now)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(
            new { ticket = new { system = ticket.System, key = ticket.Key }, final = outgoing.Final, @event = outgoing.Envelope }, Json);
        return new PendingCallback(ticket.CallbackUrl!, body, outgoing.Envelope.Type, outgoing.Envelope.Id, ticket, now);
    }

    /// <summary>What logs may show of the target: the host, never the path or query (webhook URLs often carry tokens).</summary>
    public string Host => Uri.TryCreate(Url, UriKind.Absolute, out var uri) ? uri.Authority : "(invalid url)";
}
