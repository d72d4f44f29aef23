using Provisioner.Worker.Profiles;

namespace Provisioner.Worker.Tests.Infrastructure;

/// <summary>
/// The profile the tests' workers run with: <c>default</c> configured as a development machine might, allowing any chart
/// (the stub chart's local path), any values, any namespace a profile may allow, adoption, OIDC providers, access keys,
/// grants to any account and any boundary. The built-in default stays what it ships as; its own tests configure nothing.
/// </summary>
internal static class TestProfiles
{
    /// <summary>As configuration keys (<c>Profiles:default:…</c>); <see cref="Environment"/> has the same as variables.</summary>
    public static readonly IReadOnlyDictionary<string, string> Settings = new Dictionary<string, string>
    {
        ["Profiles:default:Charts:0:Repository"] = "*",
        ["Profiles:default:Charts:0:Name"] = "*",
        ["Profiles:default:Values:0"] = "**",
        ["Profiles:default:Namespaces:0"] = "*",
        ["Profiles:default:AdoptServiceAccountNamespaces:0"] = "*",
        ["Profiles:default:AllowedBoundaries:0"] = "*",
        ["Profiles:default:CrossAccountAccounts:0"] = "*",
        ["Profiles:default:IamNamePrefix"] = "",
        ["Profiles:default:AllowCreateOidcProvider"] = "true",
        ["Profiles:default:AllowAccessKeys"] = "true",
    };

    public static IReadOnlyDictionary<string, string> Environment =>
        Settings.ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value);

    public static ProfilesOptions Options => new()
    {
        [ProfileOptions.DefaultName] = new ProfileOptions
        {
            Charts = [new ChartRule { Repository = "*", Name = "*" }],
            Values = ["**"],
            Namespaces = ["*"],
            AdoptServiceAccountNamespaces = ["*"],
            AllowedBoundaries = ["*"],
            CrossAccountAccounts = ["*"],
            IamNamePrefix = "",
            AllowCreateOidcProvider = true,
            AllowAccessKeys = true,
        },
    };
}
