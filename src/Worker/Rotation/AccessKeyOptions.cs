namespace Provisioner.Worker.Rotation;

/// <summary>Bound from <c>AccessKeys</c>.</summary>
public sealed record AccessKeyOptions
{
    public const string Section = "AccessKeys";

    /// <summary>How long the old key keeps working after the Secret holds the new one, so running pods can pick it up.</summary>
    public TimeSpan RotationGrace { get; init; } = TimeSpan.FromMinutes(5);
}
