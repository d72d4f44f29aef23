namespace Provisioner.Worker.Rotation;

/// <summary>
/// The access-key rotation in progress, while the saga is in one of its rotation states: the key ids it has seen
/// (never a secret) and when the old key's grace period ends. A run of the environment is refused until the rotation
/// ends, so no reconcile can replace the key, or delete the old one, under it.
/// </summary>
public sealed class KeyRotation
{
    public Guid Id { get; set; }
    public string UserName { get; set; } = "";
    public string? OldKeyId { get; set; }
    public string? NewKeyId { get; set; }
    public DateTimeOffset? GraceUntil { get; set; }
}
