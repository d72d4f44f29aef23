using Amazon.Runtime;

namespace Provisioner.Worker.Aws;

/// <summary>Bound from the <c>Aws</c> configuration section.</summary>
public sealed record AwsOptions
{
    public const string Section = "Aws";

    /// <summary>Overrides every service endpoint. Empty = the standard AWS_ENDPOINT_URL(_SERVICE) variables, then AWS.</summary>
    public string? EndpointUrl { get; init; }

    /// <summary>Attempts per call for retryable errors other than throttling (5xx, timeouts, eventual consistency).</summary>
    public int MaxAttempts { get; init; } = 6;

    /// <summary>First backoff delay; doubles per attempt, with jitter, capped at <see cref="MaxBackoff"/>.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Adaptive (default): every client (S3, STS, SQS through the SDK, IAM through ours) keeps a token bucket that slows
    /// its sending rate when AWS throttles and recovers it after (CUBIC, as the SDKs' adaptive retry mode), and
    /// throttling is retried until the caller's token ends. Standard: the SDK's standard mode; throttling counts
    /// against <see cref="MaxAttempts"/> like any other retryable error.
    /// </summary>
    public RequestRetryMode RetryMode { get; init; } = RequestRetryMode.Adaptive;

    /// <summary>
    /// In adaptive mode, how long one call keeps retrying throttling when its caller's token does not end sooner (a
    /// stage's deadline normally does): a backstop for callers without a deadline. Zero = throttling is not retried.
    /// </summary>
    public TimeSpan ThrottlingTimeout { get; init; } = TimeSpan.FromMinutes(15);
}
