using Microsoft.Extensions.Options;
using Provisioner.Worker.SagaStore;

namespace Provisioner.Worker.Outlet;

/// <summary>
/// Delivers the outbox at least once, in order per stream (destination and environment): each poll leases the oldest
/// row of every stream nobody holds and starts its delivery; a delivered row (or one given up on) is deleted, a failed
/// one is put back with a backoff. Every replica runs one; a replica that dies lets its leases run out, and another takes over.
/// </summary>
public sealed class OutboxDispatcher(OutboxStore store, IEnumerable<IOutboxDelivery> deliveries, OutboxSignal signal,
    IOptions<OutboxOptions> options, TimeProvider clock, ILogger<OutboxDispatcher> logger) : BackgroundService
{
    private readonly string owner = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";
    private readonly Dictionary<string, IOutboxDelivery> byDestination = deliveries.ToDictionary(d => d.Destination, StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        // Deliveries run on their own: a receiver that hangs holds its stream (its row stays leased) and nothing else.
        var inFlight = new Dictionary<long, Task>();
        while (!stoppingToken.IsCancellationRequested)
        {
            foreach (var done in inFlight.Where(d => d.Value.IsCompleted).Select(d => d.Key).ToList()) inFlight.Remove(done);
            var woken = signal.Next;
            try
            {
                if (inFlight.Count < o.BatchSize)
                    foreach (var row in await store.ClaimAsync(owner, o.Lease, o.BatchSize - inFlight.Count, clock.GetUtcNow(), stoppingToken))
                        inFlight.TryAdd(row.Id, DeliverAsync(row, stoppingToken));
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning("Reading the outbox failed; trying again in {Interval}: {Error}", o.PollInterval, ex.Message);
            }
            try
            {
                await Task.WhenAny([woken, Task.Delay(o.PollInterval, stoppingToken), .. inFlight.Values]);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
            }
        }
    }

    /// <summary>One pass, waiting for every delivery it starts (tests, and a caller that wants the outbox drained now).</summary>
    /// <returns>How many rows were taken this time.</returns>
    public async Task<int> DeliverOnceAsync(CancellationToken ct)
    {
        var o = options.Value;
        var rows = await store.ClaimAsync(owner, o.Lease, o.BatchSize, clock.GetUtcNow(), ct);
        await Task.WhenAll(rows.Select(row => DeliverAsync(row, ct)));
        return rows.Count;
    }

    private async Task DeliverAsync(ClaimedOutboxRow claimed, CancellationToken ct)
    {
        var row = claimed.Row;
        if (!byDestination.TryGetValue(row.Destination, out var delivery))
        {
            logger.LogError("Outbox row {EventType} {EventId} of {Environment} is for unknown destination {Destination}; dropped", row.EventType,
                row.EventId, row.Environment, row.Destination);
            await store.CompleteAsync(claimed, owner, ct);
            return;
        }
        DeliveryResult result;
        try
        {
            result = await delivery.DeliverAsync(claimed, ct);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            result = DeliveryResult.Retry(ex.Message);
        }
        switch (result.Status)
        {
            case DeliveryStatus.Delivered:
                await store.CompleteAsync(claimed, owner, CancellationToken.None);
                break;
            case DeliveryStatus.GiveUp:
                logger.LogError("Giving up on {EventType} {EventId} of {Environment} to {Destination} after {Attempts} attempts: {Failure}",
                    row.EventType, row.EventId, row.Environment, row.Destination, claimed.Attempts + 1, result.Failure);
                await store.CompleteAsync(claimed, owner, CancellationToken.None);
                break;
            default:
                var backoff = delivery.Backoff(claimed.Attempts + 1);
                logger.LogWarning("{EventType} of {Environment} to {Destination} not delivered ({Failure}); next try in {Backoff}", row.EventType,
                    row.Environment, row.Destination, result.Failure, backoff);
                await store.RetryLaterAsync(claimed, owner, clock.GetUtcNow() + backoff, CancellationToken.None);
                break;
        }
    }
}
