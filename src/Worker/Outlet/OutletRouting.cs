using System.Text.Json;
using Microsoft.Extensions.Options;
using Provisioner.Contracts;
using Provisioner.Worker.Intake.Ticketing;
using Provisioner.Worker.SagaStore;

namespace Provisioner.Worker.Outlet;

/// <summary>
/// Which outbox rows an event becomes: one for the SQS outlet when it is configured, one for the request's ticket when the
/// ticket has a callback URL and callbacks are signed. The envelope (and with it the event's stable id) is made once, here.
/// </summary>
public sealed class OutletRouting(IOptions<OutletOptions> outlet, IOptions<TicketingOptions> ticketing, TimeProvider clock)
{
    public const string Sqs = "sqs";
    public const string Ticket = "ticket";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public IReadOnlyList<OutboxRow> RowsFor(object message, TicketReference? ticket)
    {
        if (!OutletEvents.IsEvent(message.GetType())) return [];
        var sqs = !string.IsNullOrWhiteSpace(outlet.Value.QueueUrl);
        var callback = ticket?.CallbackUrl is not null && !string.IsNullOrEmpty(ticketing.Value.Secret);
        if (!sqs && !callback) return [];
        var outgoing = OutletEvents.Create(message, outlet.Value.Source, clock.GetUtcNow());
        var payload = OutletEvents.Serialize(outgoing.Envelope);
        var (subject, id, type) = (outgoing.Envelope.Subject ?? "", outgoing.Envelope.Id!, outgoing.Envelope.Type!);
        var rows = new List<OutboxRow>(2);
        if (sqs) rows.Add(new OutboxRow($"{Sqs}:{subject}", Sqs, subject, id, type, payload, null));
        if (callback)
            rows.Add(new OutboxRow($"{Ticket}:{subject}", Ticket, subject, id, type, payload,
                JsonSerializer.Serialize(new CallbackTarget(ticket!.CallbackUrl!, ticket.System, ticket.Key, outgoing.Final), Json)));
        return rows;
    }
}
