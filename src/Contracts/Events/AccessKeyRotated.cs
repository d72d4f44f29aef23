namespace Provisioner.Contracts;

/// <summary>A rotation finished: <paramref name="NewAccessKeyId"/> is the only key; the old one is deleted.</summary>
public sealed record AccessKeyRotated(
    Guid RequestId, string Environment, string UserName, string? OldAccessKeyId, string NewAccessKeyId, DateTimeOffset At);
