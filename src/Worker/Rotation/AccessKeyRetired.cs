namespace Provisioner.Worker.Rotation;

/// <summary>Back to the saga: the old key is gone (it may have been gone already: a redelivered step is done, not failed).</summary>
public sealed record AccessKeyRetired(Guid CorrelationId, Guid RotationId, string OldKeyId, DateTimeOffset DeactivatedAt, DateTimeOffset DeletedAt);
