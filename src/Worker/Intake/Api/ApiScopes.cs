namespace Provisioner.Worker.Intake.Api;

/// <summary>
/// What a client may do. <c>admin</c> adds no route of its own: it lets the client's other scopes reach every tenant's
/// environments instead of only its own tenant's.
/// </summary>
public static class ApiScopes
{
    public const string Submit = "submit";
    public const string Read = "read";
    public const string Deprovision = "deprovision";
    public const string Rotate = "rotate";
    public const string Admin = "admin";

    /// <summary><c>GET /metrics</c> only: a Prometheus scraper's token, which reads no environment.</summary>
    public const string Metrics = "metrics";

    public static readonly IReadOnlyList<string> All = [Submit, Read, Deprovision, Rotate, Admin, Metrics];

    /// <summary>A comma list (<c>"submit, read"</c>); the unknown entries are returned apart so configuration can name them.</summary>
    public static (IReadOnlySet<string> Scopes, IReadOnlyList<string> Unknown) Parse(string? list)
    {
        var entries = (list ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var scopes = entries.Select(e => e.ToLowerInvariant()).Where(All.Contains).ToHashSet(StringComparer.Ordinal);
        return (scopes, entries.Where(e => !All.Contains(e.ToLowerInvariant())).ToList());
    }
}
