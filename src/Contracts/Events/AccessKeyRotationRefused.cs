namespace Provisioner.Contracts;

/// <summary>A rotation that was not started, or stopped before its end, and why.</summary>
public sealed record AccessKeyRotationRefused(Guid RequestId, string Environment, string Reason, DateTimeOffset At);
