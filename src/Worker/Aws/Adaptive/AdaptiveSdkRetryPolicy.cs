using Amazon.Runtime;
using Amazon.Runtime.Internal;

namespace Provisioner.Worker.Aws.Adaptive;

/// <summary>The SDK's adaptive retry policy (STS, SQS) with throttling retried until the caller's deadline.</summary>
internal sealed class AdaptiveSdkRetryPolicy : AdaptiveRetryPolicy
{
    private readonly TimeSpan throttlingTimeout;
    private readonly string service;

    public AdaptiveSdkRetryPolicy(IClientConfig config, AwsOptions options, string service)
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

    /// <summary>Throttling never spends the retry quota: the token bucket already paces it.</summary>
    public override bool OnRetry(IExecutionContext executionContext, bool bypassAcquireCapacity, bool isThrottlingError)
    {
        Telemetry.ProvisionerMetrics.AwsRetried(service, isThrottlingError);
        return base.OnRetry(executionContext, bypassAcquireCapacity || isThrottlingError, isThrottlingError);
    }

    public override Task ObtainSendTokenAsync(IExecutionContext executionContext, Exception exception) =>
        SdkThrottling.AcquireAsync(TokenBucket, executionContext);
}
