using Amazon.Runtime;
using Amazon.S3.Internal;

namespace Provisioner.Worker.Aws.Adaptive;

/// <summary>S3's adaptive retry policy (its redirects and region retries kept) with throttling retried until the deadline.</summary>
internal sealed class AdaptiveS3RetryPolicy : AmazonS3AdaptiveRetryPolicy
{
    private readonly TimeSpan throttlingTimeout;
    private readonly string service;

    public AdaptiveS3RetryPolicy(IClientConfig config, AwsOptions options, string service)
        : base(config)
    {
        MaxBackoffInMilliseconds = (int)options.MaxBackoff.TotalMilliseconds;
        throttlingTimeout = options.ThrottlingTimeout;
        this.service = service;
    }

    public override void NotifyError(IExecutionContext executionContext, Exception exception)
    {
        base.NotifyError(executionContext, exception);
        SdkThrottling.Remember(executionContext, IsThrottlingError(exception));
    }

    public override bool RetryLimitReached(IExecutionContext executionContext) =>
        SdkThrottling.LimitReached(executionContext, MaxRetries, throttlingTimeout);

    public override bool OnRetry(IExecutionContext executionContext, bool bypassAcquireCapacity, bool isThrottlingError)
    {
        Telemetry.ProvisionerMetrics.AwsRetried(service, isThrottlingError);
        return base.OnRetry(executionContext, bypassAcquireCapacity || isThrottlingError, isThrottlingError);
    }

    public override Task ObtainSendTokenAsync(IExecutionContext executionContext, Exception exception) =>
        SdkThrottling.AcquireAsync(TokenBucket, executionContext);
}
