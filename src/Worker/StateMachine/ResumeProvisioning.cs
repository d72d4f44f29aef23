namespace Provisioner.Worker.StateMachine;

/// <summary>
/// Re-drives a stalled run (every stage is idempotent, so re-running is safe). It names the attempt and the saga
/// version its sender saw: the saga ignores it once the run has moved on, so several replicas sweeping at once, or a
/// sweep racing a late stage event, re-drive a run at most once.
/// </summary>
public sealed record ResumeProvisioning(Guid CorrelationId, Guid TrackingNumber, int Version);
