using System.Threading.Channels;
using Amazon.Runtime;
using Amazon.SQS;
using Amazon.SQS.Model;
using Microsoft.Extensions.Options;
using Provisioner.Worker.Aws;

namespace Provisioner.Worker.Outlet;

/// <summary>
/// Sends every event to the outlet queue, one at a time in publish order, retrying with capped backoff so a later
/// event never overtakes an earlier one. Publishing only enqueues: a slow or absent queue never slows a run.
/// </summary>
public sealed class SqsEventOutlet(IOptions<OutletOptions> options, SqsClients clients, ILogger<SqsEventOutlet> logger) : BackgroundService
{
    private static readonly TimeSpan DrainBudget = TimeSpan.FromSeconds(5);

    private readonly Channel<OutletEvent> queue = Channel.CreateBounded<OutletEvent>(
        new BoundedChannelOptions(options.Value.Capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    public bool Enabled => !string.IsNullOrWhiteSpace(options.Value.QueueUrl);

    public void Enqueue(OutletEvent outgoing)
    {
        if (!Enabled) return;
        if (!queue.Writer.TryWrite(outgoing))
            logger.LogError("Outlet queue full ({Capacity}); dropped {EventType} {EventId} of {Environment}", options.Value.Capacity,
                outgoing.Envelope.Type, outgoing.Envelope.Id, outgoing.Envelope.Subject);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled) return;
        var o = options.Value;
        var sqs = clients.For(SqsClients.RegionOf(o.QueueUrl!, o.Region));
        try
        {
            await foreach (var outgoing in queue.Reader.ReadAllAsync(stoppingToken))
                await SendWithRetryAsync(sqs, o, outgoing, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        await DrainAsync(sqs, o);
    }

    /// <summary>On a clean stop, what is still queued gets one short try; whatever is left is logged as lost.</summary>
    private async Task DrainAsync(IAmazonSQS sqs, OutletOptions o)
    {
        using var budget = new CancellationTokenSource(DrainBudget);
        var lost = 0;
        while (queue.Reader.TryRead(out var outgoing))
        {
            try
            {
                if (!budget.IsCancellationRequested) { await SendAsync(sqs, o, outgoing, budget.Token); continue; }
            }
            catch (Exception ex) when (ex is AmazonServiceException or AmazonClientException or HttpRequestException or OperationCanceledException)
            {
            }
            lost++;
        }
        if (lost > 0) logger.LogError("Stopping with {Count} events not sent to the outlet queue", lost);
    }

    private async Task SendWithRetryAsync(IAmazonSQS sqs, OutletOptions o, OutletEvent outgoing, CancellationToken stoppingToken)
    {
        var backoff = o.InitialBackoff;
        while (true)
        {
            try
            {
                await SendAsync(sqs, o, outgoing, stoppingToken);
                return;
            }
            catch (AmazonSQSException ex) when (ex.ErrorType == ErrorType.Sender && !IsThrottling(ex))
            {
                logger.LogError("The outlet queue refused {EventType} {EventId}; it is dropped: {Error}", outgoing.Envelope.Type,
                    outgoing.Envelope.Id, ex.Message);
                return;
            }
            catch (Exception ex) when (ex is AmazonServiceException or AmazonClientException or HttpRequestException || ex is OperationCanceledException && !stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning("Sending {EventType} to the outlet queue failed, retrying in {Backoff}: {Error}", outgoing.Envelope.Type,
                    backoff, ex.Message);
            }
            await Task.Delay(backoff, stoppingToken);
            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, o.MaxBackoff.Ticks));
        }
    }

    private static async Task SendAsync(IAmazonSQS sqs, OutletOptions o, OutletEvent outgoing, CancellationToken cancellationToken)
    {
        var envelope = outgoing.Envelope;
        var send = new SendMessageRequest { QueueUrl = o.QueueUrl, MessageBody = OutletEvents.Serialize(envelope) };
        // FIFO: one group per environment keeps each environment's events in order; the id lets SQS drop a resend.
        if (SqsClients.IsFifo(o.QueueUrl!))
            (send.MessageGroupId, send.MessageDeduplicationId) = (envelope.Subject.Length > 0 ? envelope.Subject : "-", envelope.Id);
        await sqs.SendMessageAsync(send, cancellationToken);
    }

    private static bool IsThrottling(AmazonServiceException ex) =>
        ex.ErrorCode is "Throttling" or "ThrottlingException" or "RequestThrottled" or "KmsThrottled";
}
