using Provisioner.Worker.Stages.AccessKey;

namespace Provisioner.Worker.Rotation;

/// <summary>The saga's last rotation step, once the grace period is over: the old key deactivated, then deleted.</summary>
public sealed record RetireAccessKey(Guid CorrelationId, Guid RotationId, string Environment, AccessKeyPlan Plan, string OldKeyId);
