namespace Provisioner.Worker.Profiles;

/// <summary>Bound from <c>Profiles</c>: each profile by its name. <c>default</c> exists even when not configured.</summary>
public sealed class ProfilesOptions : Dictionary<string, ProfileOptions>
{
    public const string Section = "Profiles";

    public ProfilesOptions() : base(StringComparer.Ordinal) { }
}
