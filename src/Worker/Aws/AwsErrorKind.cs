namespace Provisioner.Worker.Aws;

public enum AwsErrorKind
{
    /// <summary>Retrying cannot help: bad input, a name taken by someone else, missing permissions.</summary>
    Terminal,

    /// <summary>Throttling, 5xx, timeouts, IAM eventual consistency: retry with bounded backoff.</summary>
    Retryable,
}
