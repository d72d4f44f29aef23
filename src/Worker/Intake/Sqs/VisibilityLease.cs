using Amazon.SQS;

namespace Provisioner.Worker.Intake.Sqs;

/// <summary>
/// Keeps a received message hidden while it is being accepted, renewing its visibility at a third of the timeout,
/// so a slow publish is not mistaken for a dead consumer and handed to another one.
/// </summary>
public sealed class VisibilityLease : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly Task renewing;

    private VisibilityLease(IAmazonSQS sqs, string queueUrl, string receiptHandle, int timeoutSeconds, ILogger logger) =>
        renewing = RenewAsync(sqs, queueUrl, receiptHandle, timeoutSeconds, logger, stop.Token);

    public static VisibilityLease Start(IAmazonSQS sqs, string queueUrl, string receiptHandle, int timeoutSeconds, ILogger logger) =>
        new(sqs, queueUrl, receiptHandle, timeoutSeconds, logger);

    /// <summary>Shows the message again at once: another consumer may take it now instead of after the timeout.</summary>
    public static async Task ReleaseAsync(IAmazonSQS sqs, string queueUrl, string receiptHandle, ILogger logger)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await sqs.ChangeMessageVisibilityAsync(queueUrl, receiptHandle, 0, timeout.Token);
        }
        catch (Exception ex) when (ex is AmazonSQSException or OperationCanceledException or HttpRequestException)
        {
            logger.LogWarning("Could not release an SQS message early; it returns when its visibility times out: {Error}", ex.Message);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await renewing;
        stop.Dispose();
    }

    private static async Task RenewAsync(IAmazonSQS sqs, string queueUrl, string receiptHandle, int timeoutSeconds, ILogger logger,
        CancellationToken cancellationToken)
    {
        var period = TimeSpan.FromSeconds(Math.Max(1, timeoutSeconds / 3.0));
        try
        {
            while (true)
            {
                await Task.Delay(period, cancellationToken);
                try
                {
                    await sqs.ChangeMessageVisibilityAsync(queueUrl, receiptHandle, timeoutSeconds, cancellationToken);
                }
                catch (Exception ex) when (ex is AmazonSQSException or HttpRequestException)
                {
                    logger.LogWarning("Could not extend an SQS message's visibility; it may be delivered again: {Error}", ex.Message);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
