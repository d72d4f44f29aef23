namespace Provisioner.Contracts;

/// <summary>A rotation step: the old key is inactive after the grace period.</summary>
public sealed record AccessKeyDeactivated(Guid RequestId, string Environment, string UserName, string AccessKeyId, DateTimeOffset At);
