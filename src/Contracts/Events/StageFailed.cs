namespace Provisioner.Contracts;

public sealed record StageFailed(
    Guid RequestId, string Environment, string Stage, string Reason, DateTimeOffset StartedAt, DateTimeOffset FailedAt);
