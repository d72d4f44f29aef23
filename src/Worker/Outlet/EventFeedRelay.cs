using MassTransit;

namespace Provisioner.Worker.Outlet;

/// <summary>Hands published events to the <see cref="EventFeed"/> where the intake is registered (the worker); elsewhere (apply) it does nothing.</summary>
public sealed class EventFeedRelay(IServiceProvider services) : IPublishObserver
{
    private readonly EventFeed? feed = services.GetService<EventFeed>();

    public Task PrePublish<T>(PublishContext<T> context) where T : class => feed?.PrePublish(context) ?? Task.CompletedTask;

    public Task PostPublish<T>(PublishContext<T> context) where T : class => feed?.PostPublish(context) ?? Task.CompletedTask;

    public Task PublishFault<T>(PublishContext<T> context, Exception exception) where T : class =>
        feed?.PublishFault(context, exception) ?? Task.CompletedTask;
}
