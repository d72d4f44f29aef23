namespace Provisioner.Worker.Intake.Api;

/// <summary>
/// One client of the API, bound from <c>Api:Clients:&lt;name&gt;</c>: how it proves who it is (the SHA-256 of its bearer
/// token, or a mounted file holding the token), the tenant it acts for, and what it may do.
/// </summary>
public sealed record ApiClientOptions
{
    /// <summary>Hex SHA-256 of the bearer token (<c>printf %s "$TOKEN" | sha256sum</c>): the worker never holds the token itself.</summary>
    public string? TokenSha256 { get; init; }

    /// <summary>A file holding the token (a mounted Secret); read at start and again when it changes. Surrounding whitespace is ignored.</summary>
    public string? TokenFile { get; init; }

    public string Tenant { get; init; } = Contracts.Caller.DefaultTenant;

    /// <summary>Comma list of <see cref="ApiScopes"/>.</summary>
    public string Scopes { get; init; } = "";
}
