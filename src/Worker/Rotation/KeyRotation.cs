namespace Provisioner.Worker.Rotation;

/// <summary>
/// The access-key rotation in progress while the saga is <c>Rotating</c>: which step it is at, and the key ids it has
/// seen (never a secret). A run of the environment is refused until the rotation ends, so no reconcile can replace the
/// key, or delete the old one, under it.
/// </summary>
public sealed class KeyRotation
{
    public const string Replacing = "replacing";
    public const string Grace = "grace";
    public const string Retiring = "retiring";

    public Guid Id { get; set; }
    public string Step { get; set; } = Replacing;
    public string UserName { get; set; } = "";
    public string? OldKeyId { get; set; }
    public string? NewKeyId { get; set; }
    public DateTimeOffset? GraceUntil { get; set; }
}
