namespace Provisioner.Worker.Intake.Api;

/// <summary>Origins as browsers send them (<c>scheme://host[:port]</c>), compared case-insensitively.</summary>
public static class ApiOrigins
{
    public static IReadOnlyList<string> Parse(string? list) =>
        (list ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(o => o.TrimEnd('/')).ToList();

    /// <summary>An http(s) origin: a scheme and an authority, nothing else.</summary>
    public static bool IsOrigin(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.UserInfo.Length == 0
        && uri.PathAndQuery == "/" && uri.Fragment.Length == 0 && !value.EndsWith('/');

    public static bool IsAllowed(string origin, IReadOnlyList<string> allowed) =>
        allowed.Contains(origin.TrimEnd('/'), StringComparer.OrdinalIgnoreCase);
}
