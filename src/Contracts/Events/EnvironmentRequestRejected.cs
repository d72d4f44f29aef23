namespace Provisioner.Contracts;

/// <summary>The request was refused before any cloud call: every problem is listed.</summary>
public sealed record EnvironmentRequestRejected(
    Guid RequestId, string Environment, IReadOnlyList<RequestProblem> Problems, DateTimeOffset Timestamp);
