namespace Provisioner.Worker.Aws;

/// <summary>Bound from the <c>Aws</c> configuration section.</summary>
public sealed record AwsOptions
{
    public const string Section = "Aws";

    /// <summary>Overrides every service endpoint. Empty = the standard AWS_ENDPOINT_URL(_SERVICE) variables, then AWS.</summary>
    public string? EndpointUrl { get; init; }

    /// <summary>Attempts per call for retryable errors (throttling, 5xx, eventual consistency).</summary>
    public int MaxAttempts { get; init; } = 6;

    /// <summary>First backoff delay; doubles per attempt, with jitter, capped at <see cref="MaxBackoff"/>.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(5);
}
