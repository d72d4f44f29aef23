using Amazon.SQS;
using Amazon.SQS.Model;
using Microsoft.Extensions.Options;
using Provisioner.Worker.Aws;

namespace Provisioner.Worker.Intake.Sqs;

/// <summary>
/// Long-polls the request queue and hands each message to <see cref="SqsRequestHandler"/>, never holding more than
/// <see cref="SqsIntakeOptions.MaxConcurrency"/> at once, so no received message waits unrenewed for a free slot.
/// </summary>
public sealed class SqsRequestListener(IOptions<SqsIntakeOptions> options, SqsClients clients, SqsRequestHandler handler,
    ILogger<SqsRequestListener> logger) : BackgroundService
{
    private static readonly TimeSpan MaxReceiveBackoff = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        if (string.IsNullOrWhiteSpace(o.QueueUrl)) return;
        var sqs = clients.For(SqsClients.RegionOf(o.QueueUrl, o.Region));
        using var slots = new SemaphoreSlim(o.MaxConcurrency);
        var inFlight = new List<Task>();
        var backoff = TimeSpan.FromSeconds(1);
        logger.LogInformation("Listening for requests on {QueueUrl}", o.QueueUrl);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await slots.WaitAsync(stoppingToken);
                var free = 1;
                while (free < o.BatchSize && slots.Wait(0)) free++;
                List<Message> messages;
                try
                {
                    messages = await ReceiveAsync(sqs, o, free, stoppingToken);
                    backoff = TimeSpan.FromSeconds(1);
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    slots.Release(free);
                    logger.LogWarning("Receiving from {QueueUrl} failed, retrying in {Backoff}: {Error}", o.QueueUrl, backoff, ex.Message);
                    await Task.Delay(backoff, stoppingToken);
                    backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxReceiveBackoff.Ticks));
                    continue;
                }
                if (free > messages.Count) slots.Release(free - messages.Count);
                inFlight.RemoveAll(t => t.IsCompleted);
                inFlight.AddRange(messages.Select(m => HandleAsync(sqs, o, m, slots, stoppingToken)));
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        await Task.WhenAll(inFlight);
    }

    private static async Task<List<Message>> ReceiveAsync(IAmazonSQS sqs, SqsIntakeOptions o, int count, CancellationToken cancellationToken)
    {
        var response = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest
        {
            QueueUrl = o.QueueUrl,
            MaxNumberOfMessages = count,
            WaitTimeSeconds = o.WaitTimeSeconds,
            VisibilityTimeout = o.VisibilityTimeoutSeconds,
        }, cancellationToken);
        return response.Messages ?? []; // the SDK gives null for an empty receive
    }

    private async Task HandleAsync(IAmazonSQS sqs, SqsIntakeOptions o, Message message, SemaphoreSlim slots, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Yield();
            var outcome = await handler.HandleAsync(sqs, o, message, stoppingToken);
            if (outcome != SqsOutcome.Returned)
                Telemetry.ProvisionerMetrics.IntakeRequest("sqs", System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(outcome.ToString()));
        }
        catch (Exception ex)
        {
            // Never let one message stop the listener: it comes back after its visibility timeout, then the redrive policy takes it.
            logger.LogError(ex, "Handling SQS message {SqsMessageId} failed", message.MessageId);
        }
        finally
        {
            slots.Release();
        }
    }
}
