using Amazon.Runtime;
using Amazon.S3.Internal;

namespace Provisioner.Worker.Aws.Adaptive;

/// <summary>S3's adaptive retry policy (its redirects and region retries kept) with throttling retried until the deadline.</summary>
internal sealed class AdaptiveS3RetryPolicy : AmazonS3AdaptiveRetryPolicy
{
    private readonly TimeSpan throttlingTimeout;

    public AdaptiveS3RetryPolicy(IClientConfig config, AwsOptions options)
        : base(config)
    {
        MaxBackoffInMilliseconds = (int)options.MaxBackoff.TotalMilliseconds;
        throttlingTimeout = options.ThrottlingTimeout;
    }

    public override void NotifyError(IExecutionContext executionContext, Exception exception)
    {
        base.NotifyError(executionContext, exception);
        SdkThrottling.Remember(executionContext, IsThrottlingError(exception));
    }

    public override bool RetryLimitReached(IExecutionContext executionContext) =>
        SdkThrottling.LimitReached(executionContext, MaxRetries, throttlingTimeout);

    public override bool OnRetry(IExecutionContext executionContext, bool bypassAcquireCapacity, bool isThrottlingError) =>
        base.OnRetry(executionContext, bypassAcquireCapacity || isThrottlingError, isThrottlingError);

    public override Task ObtainSendTokenAsync(IExecutionContext executionContext, Exception exception) =>
        SdkThrottling.AcquireAsync(TokenBucket, executionContext);
}
