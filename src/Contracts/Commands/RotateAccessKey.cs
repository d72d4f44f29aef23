namespace Provisioner.Contracts;

/// <summary>
/// Replace the access key of an access-key-mode environment: a new key into its Secret, then, after the grace period,
/// the old key deactivated and deleted. Refused while a run is in progress for the environment.
/// </summary>
public sealed record RotateAccessKey(Guid RequestId, string Environment)
{
    /// <summary>Who asks; null is taken as <see cref="Contracts.Caller.Anonymous"/>.</summary>
    public Caller? Caller { get; init; }
}
