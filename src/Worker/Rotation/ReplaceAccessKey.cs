using Provisioner.Worker.Stages.AccessKey;

namespace Provisioner.Worker.Rotation;

/// <summary>
/// The saga's first rotation step: a new key into the Secret, and the release's workloads rolled onto it. Sent again
/// when the step stalls; <see cref="RotationId"/> makes a second delivery find the work done instead of redoing it.
/// </summary>
public sealed record ReplaceAccessKey(Guid CorrelationId, Guid RotationId, string Environment, AccessKeyPlan Plan, string? ReleaseName);
