using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Provisioner.Worker.Hosting;
using Provisioner.Worker.Validation;

namespace Provisioner.Worker.Profiles;

public static class ProfileRegistration
{
    /// <summary><c>Profiles</c>, checked at start: a profile that cannot be enforced as written stops the worker.</summary>
    public static IServiceCollection AddProvisionerProfiles(this IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(ProfileCatalog))) return services;
        services.AddOptions<ProfilesOptions>().BindConfiguration(ProfilesOptions.Section)
            .Validate(o =>
            {
                var problems = o.SelectMany(p => Problems(p.Key, p.Value)).ToList();
                return problems.Count == 0 ? true : throw new OptionsValidationException(ProfilesOptions.Section, typeof(ProfilesOptions), problems);
            })
            .ValidateOnStart();
        // The worker's own namespace, which no profile may hand out (bound here too: intake-only hosts have no bus options).
        services.AddOptions<WorkerOptions>().BindConfiguration(WorkerOptions.Section);
        services.TryAddSingleton<ProfileCatalog>();
        return services;
    }

    public static IEnumerable<string> Problems(string name, ProfileOptions profile)
    {
        var at = $"{ProfilesOptions.Section}:{name}";
        if (NameRules.DnsLabel(name).Any()) yield return $"{at}: the profile's name must be an RFC 1123 label";
        if (NameRules.IamPath(profile.RolePath).Any()) yield return $"{at}:RolePath must be '/' or /path/";
        foreach (var boundary in (profile.AllowedBoundaries ?? []).Where(b => b != "*").Append(profile.PermissionsBoundary).OfType<string>())
            if (!boundary.StartsWith("arn:", StringComparison.Ordinal) || !boundary.Contains(":policy/", StringComparison.Ordinal))
                yield return $"{at}: '{boundary}' is not an IAM managed policy ARN";
        if (profile.MinimumEncryption is not ("SSE-S3" or "SSE-KMS")) yield return $"{at}:MinimumEncryption must be SSE-S3 or SSE-KMS";
        foreach (var chart in profile.ChartsOrDefault)
        {
            if (!(chart.Repository == "*" || chart.Repository.StartsWith("https://", StringComparison.Ordinal)
                || chart.Repository.StartsWith("oci://", StringComparison.Ordinal) || chart.Repository.StartsWith('/')))
                yield return $"{at}:Charts: '{chart.Repository}' must be an https:// repository, an oci:// reference, an absolute directory or *";
            if (chart.Name.Length == 0) yield return $"{at}:Charts: every chart needs a Name";
            if (chart.Version is { } version && !ChartVersions.IsConstraint(version)) yield return $"{at}:Charts: '{version}' is not a version constraint";
        }
        foreach (var account in profile.CrossAccountAccounts ?? [])
            if (account != "*" && (account.Length != 12 || !account.All(char.IsAsciiDigit))) yield return $"{at}:CrossAccountAccounts: '{account}' is not 12 digits";
    }
}
