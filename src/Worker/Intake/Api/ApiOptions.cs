namespace Provisioner.Worker.Intake.Api;

/// <summary>Bound from <c>Api</c>.</summary>
public sealed record ApiOptions
{
    public const string Section = "Api";

    /// <summary>One bearer token for an <c>admin</c> client of the default tenant with every scope (the set-up before clients existed).</summary>
    public string? Token { get; init; }

    /// <summary>The clients by name (<c>Api:Clients:ci:TokenSha256</c>, or <c>Api__Clients__ci__TokenSha256</c> from the environment).</summary>
    public Dictionary<string, ApiClientOptions> Clients { get; init; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Development only: a request without a token is served, as the operator, when it came in on loopback and the server
    /// listens on loopback addresses only.
    /// </summary>
    public bool AllowAnonymousLoopback { get; init; }

    /// <summary>Comma list of origins (<c>https://console.example.com</c>) whose browser requests are served; a request with any other <c>Origin</c> is 403.</summary>
    public string AllowedOrigins { get; init; } = "";

    /// <summary>Larger bodies get 413.</summary>
    public long MaxRequestBytes { get; init; } = 64 * 1024;
}
