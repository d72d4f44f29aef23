using MassTransit;
using Provisioner.Contracts;
using Provisioner.Worker.SagaStore;
using Provisioner.Worker.StateMachine;

namespace Provisioner.Worker.Outlet;

/// <summary>
/// How the saga publishes an event that leaves the process: on the bus, and as outbox rows written in the same
/// transaction as the saga state that produced it, so a crash can lose neither. Outside a saga (a request refused
/// before it reached one) the rows are written on their own.
/// </summary>
public static class EventOutbox
{
    /// <remarks>Published as its runtime type: outcomes are built as <c>object</c>, and a bus refuses to publish that.</remarks>
    public static async Task PublishEvent(this BehaviorContext<ProvisioningState> c, object message, TicketReference? ticket = null)
    {
        await c.Publish(message, message.GetType());
        var routing = c.GetServiceOrCreateInstance<OutletRouting>();
        c.Saga.Pending.Outbox.AddRange(routing.RowsFor(message, ticket ?? TicketOf(c.Saga, message)));
    }

    public static async Task PublishEvent(this ConsumeContext c, object message, TicketReference? ticket = null)
    {
        await c.Publish(message, message.GetType());
        var rows = c.GetServiceOrCreateInstance<OutletRouting>().RowsFor(message, ticket);
        if (rows.Count > 0) await c.GetServiceOrCreateInstance<OutboxStore>().AppendAsync(rows, c.CancellationToken);
    }

    /// <summary>An event of the current run's request goes to that request's ticket.</summary>
    private static TicketReference? TicketOf(ProvisioningState saga, object message) =>
        message.GetType().GetProperty("RequestId")?.GetValue(message) is Guid id && id == saga.Run.RequestId ? saga.Run.Request?.Ticket : null;
}
