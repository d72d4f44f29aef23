using Amazon.Runtime;
using Amazon.Runtime.Internal;

namespace Provisioner.Worker.Aws.Adaptive;

/// <summary>
/// What our SDK retry policies add to the SDK's adaptive mode, kept per request in its context: throttling is retried
/// until the caller's token ends (or <see cref="AwsOptions.ThrottlingTimeout"/>), while other retryable errors keep
/// their attempt count; and a send token is waited for as long as the caller allows, where the SDK gives up after 15
/// tries (which fails a request under heavy contention for reasons other than AWS's answer).
/// </summary>
internal static class SdkThrottling
{
    private const string LastThrottled = "Provisioner.LastErrorThrottled";
    private const string ThrottledSince = "Provisioner.ThrottledSince";
    private const string OtherFailures = "Provisioner.OtherFailures";

    public static void Remember(IExecutionContext context, bool throttled)
    {
        var attributes = context.RequestContext.ContextAttributes;
        attributes[LastThrottled] = throttled;
        if (throttled) attributes.TryAdd(ThrottledSince, TimeProvider.System.GetTimestamp());
        else attributes[OtherFailures] = (attributes.TryGetValue(OtherFailures, out var n) ? (int)n : 0) + 1;
    }

    public static bool LimitReached(IExecutionContext context, int maxRetries, TimeSpan throttlingTimeout)
    {
        if (context.RequestContext.CancellationToken.IsCancellationRequested) return true;
        var attributes = context.RequestContext.ContextAttributes;
        if (attributes.TryGetValue(LastThrottled, out var throttled) && (bool)throttled)
            return !attributes.TryGetValue(ThrottledSince, out var since) || TimeProvider.System.GetElapsedTime((long)since) >= throttlingTimeout;
        return (attributes.TryGetValue(OtherFailures, out var failures) ? (int)failures : 0) > maxRetries;
    }

    public static async Task AcquireAsync(TokenBucket bucket, IExecutionContext context)
    {
        var cancellationToken = context.RequestContext.CancellationToken;
        while (!await bucket.TryAcquireTokenAsync(1, failFast: false, cancellationToken).ConfigureAwait(false))
            cancellationToken.ThrowIfCancellationRequested();
    }
}
