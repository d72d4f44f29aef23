using MassTransit;
using Microsoft.Extensions.Options;
using Provisioner.Contracts;
using Provisioner.Worker.Outlet.Ticketing;

namespace Provisioner.Worker.Outlet;

/// <summary>
/// Sees every message this process publishes, in publish order, after the bus has taken it, and hands stage and
/// outcome events to the outlet queue and the ticket callbacks. It only enqueues: it never waits on either.
/// </summary>
public sealed class EventFeed(SqsEventOutlet outlet, TicketCallbacks callbacks, TicketDirectory tickets,
    IOptions<OutletOptions> options, TimeProvider clock) : IPublishObserver
{
    public Task PostPublish<T>(PublishContext<T> context) where T : class
    {
        object message = context.Message;
        if (message is ProvisionEnvironment { Request.Ticket: { } ticket } command) tickets.Remember(command.RequestId, ticket);
        if (!OutletEvents.IsEvent(message.GetType())) return Task.CompletedTask;
        var outgoing = OutletEvents.Create(message, options.Value.Source, clock.GetUtcNow());
        outlet.Enqueue(outgoing);
        callbacks.Enqueue(outgoing);
        return Task.CompletedTask;
    }

    public Task PrePublish<T>(PublishContext<T> context) where T : class => Task.CompletedTask;

    public Task PublishFault<T>(PublishContext<T> context, Exception exception) where T : class => Task.CompletedTask;
}
