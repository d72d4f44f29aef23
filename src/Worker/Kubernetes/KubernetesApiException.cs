namespace Provisioner.Worker.Kubernetes;

/// <summary>
/// An API server answer other than success, already classified. It keeps only the status, the Status reason and message:
/// KubernetesClient's own exception carries the request's headers, bearer token included.
/// </summary>
public sealed class KubernetesApiException(string operation, int statusCode, string? reason, string detail)
    : Exception($"Kubernetes {operation} failed with {statusCode}{(reason is null ? "" : " " + reason)}: {detail}")
{
    public string Operation { get; } = operation;

    public int StatusCode { get; } = statusCode;

    /// <summary>The Status object's <c>reason</c> (NotFound, AlreadyExists, Conflict, Invalid, Forbidden, ...).</summary>
    public string? Reason { get; } = reason;

    public KubernetesErrorKind Kind => KubernetesErrors.Classify(StatusCode, Reason);
}
