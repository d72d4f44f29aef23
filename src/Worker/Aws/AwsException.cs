using System.Net;

namespace Provisioner.Worker.Aws;

/// <summary>An AWS error from one of our own thin clients (IAM Query API), already classified.</summary>
public sealed class AwsException(string service, string code, string message, HttpStatusCode status)
    : Exception($"{service} {code}: {message}")
{
    public string Service { get; } = service;
    public string Code { get; } = code;
    public HttpStatusCode Status { get; } = status;
    public AwsErrorKind Kind => AwsErrors.Classify(Code, Status);
    public bool IsThrottling => AwsErrors.IsThrottling(Code, Status);
}
