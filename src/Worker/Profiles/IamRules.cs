using Provisioner.Contracts;
using Provisioner.Worker.Planning;
using Provisioner.Worker.Validation;

namespace Provisioner.Worker.Profiles;

/// <summary>
/// IAM names, path and permissions boundary under a profile. Below the profile's path, the rest of the path and every
/// name start with the profile's prefix, so <c>role{path}{prefix}*</c> in the worker's own policy covers exactly these
/// (a path <c>/milvus-x/</c> cannot carry a role named <c>Admin</c> under that pattern).
/// </summary>
public static class IamRules
{
    public static IEnumerable<RequestProblem> Check(EnvironmentRequest request, string name, ProfileOptions profile)
    {
        var access = request.Access;
        var prefix = profile.IamNamePrefix;
        var path = EffectivePath(access.RolePath, profile);
        if (!path.StartsWith(profile.RolePath, StringComparison.Ordinal))
            yield return new RequestProblem("access.rolePath",
                $"'{TextRules.Printable(access.RolePath)}' is not under '{profile.RolePath}', the path profile '{name}' forces (Profiles:{name}:RolePath)");
        else if (path.Length > profile.RolePath.Length && !path[profile.RolePath.Length..].StartsWith(prefix, StringComparison.Ordinal))
            yield return new RequestProblem("access.rolePath",
                $"below '{profile.RolePath}' the path must start with '{prefix}' (Profiles:{name}:IamNamePrefix)");

        var names = new List<(string Field, string Value)> { ("access.roleName", ResourceNames.Role(request)), ("access.policyName", ResourceNames.Policy(request)) };
        if (access.Mode == Planner.AccessKeyMode)
        {
            names.Add(("access.userName", ResourceNames.User(request)));
            if (!profile.AllowAccessKeys)
                yield return new RequestProblem("access.mode", $"profile '{name}' does not allow access-key mode (Profiles:{name}:AllowAccessKeys)");
        }
        foreach (var (field, value) in names.Where(n => !n.Value.StartsWith(prefix, StringComparison.Ordinal)))
            yield return new RequestProblem(field, $"'{TextRules.Printable(value)}' must start with '{prefix}' (Profiles:{name}:IamNamePrefix)");

        if (access.PermissionsBoundary is { } boundary && boundary != profile.PermissionsBoundary
            && !(profile.AllowedBoundaries ?? []).Any(b => b == "*" || b == boundary))
            yield return new RequestProblem("access.permissionsBoundary", profile.PermissionsBoundary is null && profile.AllowedBoundaries is not { Length: > 0 }
                ? $"profile '{name}' allows no permissions boundary of the request's choosing (Profiles:{name}:PermissionsBoundary)"
                : $"'{TextRules.Printable(boundary, 128)}' is neither the boundary profile '{name}' forces nor one it allows instead (Profiles:{name}:PermissionsBoundary, Profiles:{name}:AllowedBoundaries)");
    }

    /// <summary>A request that leaves the path at <c>/</c> takes the profile's.</summary>
    public static string EffectivePath(string requested, ProfileOptions profile) => requested == "/" ? profile.RolePath : requested;
}
