namespace Provisioner.Worker.Saga;

/// <summary>Re-drives an unfinished run after a restart; every stage is idempotent, so re-running is safe.</summary>
public sealed record ResumeProvisioning(Guid CorrelationId);
