using System.Net;

namespace Provisioner.Worker.Aws;

/// <summary>The one place that decides which AWS error codes are worth retrying (as ACK keeps its list).</summary>
public static class AwsErrors
{
    /// <summary>"Slow down": retried until the caller's deadline in adaptive mode, and they slow the client's rate.</summary>
    private static readonly HashSet<string> ThrottlingCodes = new(StringComparer.Ordinal)
    {
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottled", "RequestThrottledException",
        "TooManyRequestsException", "SlowDown", "RequestLimitExceeded", "EC2ThrottledException",
    };

    private static readonly HashSet<string> RetryableCodes = new(StringComparer.Ordinal)
    {
        "ServiceUnavailable", "ServiceFailure", "InternalError", "InternalFailure", "RequestTimeout", "RequestTimeoutException",
        "PriorRequestNotComplete", "ConcurrentModification", "OperationAborted", "IDPCommunicationError",
    };

    private static readonly HashSet<string> TerminalCodes = new(StringComparer.Ordinal)
    {
        "AccessDenied", "AccessDeniedException", "InvalidAccessKeyId", "SignatureDoesNotMatch", "ExpiredToken",
        "InvalidClientTokenId", "UnrecognizedClientException", "MalformedPolicyDocument", "InvalidInput",
        "ValidationError", "LimitExceeded", "EntityAlreadyExists", "BucketAlreadyExists", "InvalidBucketName",
        "IllegalLocationConstraintException", "InvalidLocationConstraint", "DeleteConflict", "BucketNotEmpty",
        "UnmodifiableEntity", "PolicyNotAttachable", "NoSuchEntity", "NoSuchBucket", "KMS.NotFoundException",
    };

    public static bool IsThrottling(string? code) =>
        code is "Throttling" or "ThrottlingException" or "ThrottledException" or "RequestThrottled" or "RequestThrottledException"
            or "TooManyRequestsException" or "SlowDown" or "RequestLimitExceeded" or "KmsThrottled";

    public static AwsErrorKind Classify(string? code, HttpStatusCode status)
    {
        if (IsThrottling(code, status)) return AwsErrorKind.Retryable;
        if (code is not null && RetryableCodes.Contains(code)) return AwsErrorKind.Retryable;
        if (code is not null && TerminalCodes.Contains(code)) return AwsErrorKind.Terminal;
        var numeric = (int)status;
        return numeric >= 500 || numeric == 0 ? AwsErrorKind.Retryable : AwsErrorKind.Terminal;
    }

    /// <summary>AWS asking the client to slow down: a throttling code, or HTTP 429 whatever the code.</summary>
    public static bool IsThrottling(string? code, HttpStatusCode status) =>
        (code is not null && ThrottlingCodes.Contains(code)) || status == HttpStatusCode.TooManyRequests;
}
