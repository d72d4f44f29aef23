namespace Provisioner.Worker.Rotation;

/// <summary>
/// Back to the saga: the Secret holds <see cref="NewKeyId"/>; <see cref="OldKeyId"/> (if any) keeps working until
/// <see cref="GraceUntil"/>, while the restarted workloads pick up the new key. Key ids only.
/// </summary>
public sealed record AccessKeyReplaced(
    Guid CorrelationId, Guid RotationId, string? OldKeyId, string NewKeyId, IReadOnlyList<string> RestartedWorkloads,
    DateTimeOffset GraceUntil, DateTimeOffset At);
