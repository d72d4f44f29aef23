using System.Collections.Concurrent;
using MassTransit;

namespace Provisioner.Worker.Tests.Intake;

/// <summary>Every message a bus published, in order; and a hook that runs before each publish (to hold or slow one).</summary>
public sealed class PublishedMessages : IPublishObserver
{
    private readonly ConcurrentQueue<object> messages = new();
    private readonly SemaphoreSlim arrived = new(0);

    /// <summary>Runs before the bus takes a message, with the publisher's cancellation token.</summary>
    public Func<object, CancellationToken, Task>? BeforePublish { get; set; }

    public IReadOnlyList<T> Of<T>() => messages.OfType<T>().ToList();

    /// <summary>Everything published so far, of any type.</summary>
    public IReadOnlyList<object> Messages => messages.ToList();

    public async Task<T> WaitForAsync<T>(Func<T, bool>? match = null, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            if (messages.OfType<T>().FirstOrDefault(m => match?.Invoke(m) ?? true) is { } found) return found;
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero) throw new TimeoutException($"no {typeof(T).Name} was published");
            await arrived.WaitAsync(left);
        }
    }

    public Task PrePublish<T>(PublishContext<T> context) where T : class =>
        BeforePublish?.Invoke(context.Message, context.CancellationToken) ?? Task.CompletedTask;

    public Task PostPublish<T>(PublishContext<T> context) where T : class
    {
        messages.Enqueue(context.Message);
        arrived.Release();
        return Task.CompletedTask;
    }

    public Task PublishFault<T>(PublishContext<T> context, Exception exception) where T : class => Task.CompletedTask;
}
