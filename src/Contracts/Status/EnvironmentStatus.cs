namespace Provisioner.Contracts;

/// <summary>
/// The answer to a status query, and the document <c>apply --output json</c> prints. With <c>kubernetes.manage: false</c>,
/// <paramref name="ServiceAccountManifest"/> is the ServiceAccount (JSON) the caller applies. <paramref name="Drift"/> holds what
/// the last drift check found different from the applied request (state <c>drifted</c>), until it is repaired.
/// </summary>
public sealed record EnvironmentStatus(
    Guid RequestId, string Environment, string State, string? FailedStage, string? Reason,
    IReadOnlyList<StageRecord> Stages, IReadOnlyList<string> Leftovers, DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt, string? ServiceAccountManifest = null, IReadOnlyList<DriftFinding>? Drift = null,
    DateTimeOffset? DriftDetectedAt = null);
