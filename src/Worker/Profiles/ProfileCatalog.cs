using Microsoft.Extensions.Options;
using Provisioner.Contracts;
using Provisioner.Worker.Hosting;
using Provisioner.Worker.Validation;

namespace Provisioner.Worker.Profiles;

/// <summary>
/// The configured profiles: which one a caller may choose, what it refuses in a request, and the request it turns a
/// valid one into (its forced path and boundary filled in). Asked at every way in and again by the saga.
/// </summary>
public sealed class ProfileCatalog(IOptions<ProfilesOptions> profiles, IOptions<WorkerOptions> worker)
{
    /// <summary>The profile, when it exists and the caller may choose it (admins may choose any); else null, never saying which.</summary>
    public ProfileOptions? Find(string name, Caller caller)
    {
        var profile = profiles.Value.TryGetValue(name, out var configured) ? configured
            : name == ProfileOptions.DefaultName ? new ProfileOptions() : null;
        return profile is not null && (caller.Admin || profile.IsGrantedTo(name, caller.Tenant)) ? profile : null;
    }

    public IReadOnlyList<RequestProblem> Problems(EnvironmentRequest request, Caller caller)
    {
        if (Find(request.Profile, caller) is not { } profile)
            return [new RequestProblem("profile", $"'{TextRules.Printable(request.Profile)}' is not a profile tenant '{TextRules.Printable(caller.Tenant)}' may use")];
        return ProfileRules.Check(request, request.Profile, profile, caller.Tenant, worker.Value.Namespace).ToList();
    }

    /// <summary>The request as the profile shapes it, and what was forced; a request the profile refuses is returned unchanged.</summary>
    public (EnvironmentRequest Request, PlanProfile Profile) Apply(EnvironmentRequest request, Caller caller)
    {
        if (Find(request.Profile, caller) is not { } profile) return (request, new PlanProfile(request.Profile, new Dictionary<string, string>()));
        var forced = new Dictionary<string, string>(StringComparer.Ordinal);
        var access = request.Access;
        var path = IamRules.EffectivePath(access.RolePath, profile);
        if (path != access.RolePath) forced["access.rolePath"] = path;
        var boundary = access.PermissionsBoundary ?? profile.PermissionsBoundary;
        if (boundary != access.PermissionsBoundary) forced["access.permissionsBoundary"] = boundary!;
        return (request with { Access = access with { RolePath = path, PermissionsBoundary = boundary } }, new PlanProfile(request.Profile, forced));
    }
}
