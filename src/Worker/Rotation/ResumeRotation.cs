namespace Provisioner.Worker.Rotation;

/// <summary>
/// From the recovery sweeper (or the in-memory bus on start): the rotation's grace period is over, or its step has
/// made no progress for longer than the access-key stage's deadline. Like <c>ResumeProvisioning</c>, it names the saga
/// version its sender saw, so several replicas sweeping at once move a rotation on at most once.
/// </summary>
public sealed record ResumeRotation(Guid CorrelationId, Guid RotationId, int Version);
