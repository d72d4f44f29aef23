namespace Provisioner.Contracts;

public sealed record StageCompensationFailed(
    Guid RequestId, string Environment, string Stage, string Reason, DateTimeOffset FailedAt);
