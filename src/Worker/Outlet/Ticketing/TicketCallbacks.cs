using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Provisioner.Contracts;
using Provisioner.Worker.Intake.Ticketing;

namespace Provisioner.Worker.Outlet.Ticketing;

/// <summary>
/// Turns each published event of a ticketed request into a callback for that ticket. Publishing only enqueues; the
/// ticket lookup and every delivery happen here, in the background, so no run waits on a ticketing system.
/// </summary>
public sealed class TicketCallbacks(TicketDirectory directory, CallbackQueues queues, IOptions<TicketingOptions> options,
    TimeProvider clock, ILogger<TicketCallbacks> logger) : BackgroundService
{
    private const int Capacity = 10_000;

    private readonly Channel<OutletEvent> incoming =
        Channel.CreateBounded<OutletEvent>(new BoundedChannelOptions(Capacity) { SingleReader = true });

    public void Enqueue(OutletEvent outgoing)
    {
        if (!incoming.Writer.TryWrite(outgoing))
            logger.LogError("Ticket callback intake full ({Capacity}); dropped {EventType} of request {RequestId}", Capacity,
                outgoing.Envelope.Type, outgoing.RequestId);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var warned = false;
        try
        {
            await foreach (var outgoing in incoming.Reader.ReadAllAsync(stoppingToken))
            {
                var ticket = await FindAsync(outgoing, stoppingToken);
                if (ticket?.CallbackUrl is null) continue;
                if (string.IsNullOrEmpty(options.Value.Secret))
                {
                    if (!warned) logger.LogWarning("Ticket callbacks are off: Ticketing:Secret is not set (a callback is never sent unsigned)");
                    warned = true;
                    continue;
                }
                queues.Add(PendingCallback.For(ticket, outgoing, clock.GetUtcNow()), stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task<TicketReference?> FindAsync(OutletEvent outgoing, CancellationToken stoppingToken)
    {
        try
        {
            return await directory.FindAsync(outgoing.RequestId, outgoing.Envelope.Subject, stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError("Could not find the ticket of request {RequestId}; its {EventType} callback is skipped: {Error}",
                outgoing.RequestId, outgoing.Envelope.Type, ex.Message);
            return null;
        }
    }
}
