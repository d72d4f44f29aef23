namespace Provisioner.Contracts;

/// <summary>
/// A rotation step: the new key exists, its Secret holds it, and the release's workloads are rolling onto it. The old
/// key keeps working until <paramref name="GraceUntil"/>; anything else that reads the Secret must reload it before
/// then. Key ids only, never a secret.
/// </summary>
public sealed record AccessKeyCreated(
    Guid RequestId, string Environment, string UserName, string AccessKeyId, IReadOnlyList<string> RestartedWorkloads,
    DateTimeOffset GraceUntil, DateTimeOffset At);
