using Microsoft.Extensions.Options;
using Provisioner.Worker.Intake.Ticketing;

namespace Provisioner.Worker.Outlet.Ticketing;

/// <summary>
/// One bounded in-memory queue per callback URL, drained by its own loop: callbacks to one URL keep their order, and
/// a receiver that fails or hangs holds up only its own queue. A full queue drops new callbacks rather than wait.
/// </summary>
public sealed class CallbackQueues(TicketCallbackSender sender, IOptions<TicketingOptions> options, ILogger<CallbackQueues> logger)
{
    private readonly Dictionary<string, Queue<PendingCallback>> queues = new(StringComparer.Ordinal);

    public void Add(PendingCallback callback, CancellationToken stopping)
    {
        lock (queues)
        {
            if (queues.TryGetValue(callback.Url, out var queue))
            {
                if (queue.Count < options.Value.QueueCapacity) queue.Enqueue(callback);
                else
                    logger.LogError("Ticket {TicketSystem} {TicketKey}: callback queue to {CallbackHost} is full; {EventType} dropped",
                        callback.Ticket.System, callback.Ticket.Key, callback.Host, callback.EventType);
                return;
            }
            queues[callback.Url] = new Queue<PendingCallback>([callback]);
        }
        _ = Task.Run(() => DrainAsync(callback.Url, stopping), CancellationToken.None);
    }

    private async Task DrainAsync(string url, CancellationToken stopping)
    {
        var undelivered = 0;
        while (true)
        {
            PendingCallback next;
            lock (queues)
            {
                if (!queues[url].TryPeek(out next!))
                {
                    queues.Remove(url);
                    break;
                }
            }
            // The head stays queued (and counted) while it is being delivered.
            if (!await sender.DeliverAsync(next, stopping) && stopping.IsCancellationRequested) undelivered++;
            lock (queues) queues[url].Dequeue();
        }
        if (undelivered > 0)
            logger.LogWarning("Stopping with {Count} ticket callbacks undelivered to {CallbackHost}", undelivered, new Uri(url).Authority);
    }
}
