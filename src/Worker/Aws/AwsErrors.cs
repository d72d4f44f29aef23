using System.Net;

namespace Provisioner.Worker.Aws;

/// <summary>The one place that decides which AWS error codes are worth retrying (as ACK keeps its list).</summary>
public static class AwsErrors
{
    private static readonly HashSet<string> RetryableCodes = new(StringComparer.Ordinal)
    {
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottled", "RequestThrottledException",
        "TooManyRequestsException", "SlowDown", "RequestLimitExceeded", "ServiceUnavailable", "ServiceFailure",
        "InternalError", "InternalFailure", "RequestTimeout", "RequestTimeoutException", "PriorRequestNotComplete",
        "ConcurrentModification", "OperationAborted", "IDPCommunicationError", "EC2ThrottledException",
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
        if (code is not null && RetryableCodes.Contains(code)) return AwsErrorKind.Retryable;
        if (code is not null && TerminalCodes.Contains(code)) return AwsErrorKind.Terminal;
        var numeric = (int)status;
        return numeric >= 500 || numeric == 429 || numeric == 0 ? AwsErrorKind.Retryable : AwsErrorKind.Terminal;
    }
}
