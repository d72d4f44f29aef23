using Amazon.Runtime;
using Amazon.SQS;
using Amazon.SQS.Model;
using Microsoft.Extensions.Options;
using Provisioner.Worker.Aws;
using Provisioner.Worker.SagaStore;

namespace Provisioner.Worker.Outlet;

/// <summary>
/// The SQS outlet: each row's CloudEvent as one message. On a FIFO queue the environment is the message group (its events
/// stay in order) and the event's stable id the deduplication id, so a row sent twice is one message.
/// </summary>
public sealed class SqsDelivery(IOptions<OutletOptions> options, SqsClients clients, TimeProvider clock) : IOutboxDelivery
{
    public string Destination => OutletRouting.Sqs;

    public async Task<DeliveryResult> DeliverAsync(ClaimedOutboxRow claimed, CancellationToken ct)
    {
        var (o, row) = (options.Value, claimed.Row);
        if (string.IsNullOrWhiteSpace(o.QueueUrl)) return DeliveryResult.GiveUp("Outlet:Sqs:QueueUrl is no longer set");
        if (clock.GetUtcNow() - claimed.CreatedAt > o.GiveUpAfter) return DeliveryResult.GiveUp($"not delivered within {o.GiveUpAfter}");
        var send = new SendMessageRequest { QueueUrl = o.QueueUrl, MessageBody = row.Payload };
        if (SqsClients.IsFifo(o.QueueUrl))
            (send.MessageGroupId, send.MessageDeduplicationId) = (row.Environment.Length > 0 ? row.Environment : "-", row.EventId);
        try
        {
            await clients.For(SqsClients.RegionOf(o.QueueUrl, o.Region)).SendMessageAsync(send, ct);
            return DeliveryResult.Delivered;
        }
        catch (AmazonSQSException ex) when (ex.ErrorType == ErrorType.Sender && !AwsErrors.IsThrottling(ex.ErrorCode))
        {
            return DeliveryResult.GiveUp($"the queue refused it: {ex.ErrorCode}");
        }
        catch (Exception ex) when (ex is AmazonServiceException or AmazonClientException or HttpRequestException
                                   || ex is OperationCanceledException && !ct.IsCancellationRequested)
        {
            return DeliveryResult.Retry(ex.Message);
        }
    }

    public TimeSpan Backoff(int attempts)
    {
        var o = options.Value;
        return TimeSpan.FromTicks(Math.Min(o.MaxBackoff.Ticks, o.InitialBackoff.Ticks * (1L << Math.Min(attempts - 1, 20))));
    }
}
