using Provisioner.Contracts;

namespace Provisioner.Worker.Intake.Api;

/// <summary>The client a request was authenticated as: its name, tenant and scopes.</summary>
public sealed record ApiClient(string Name, string Tenant, IReadOnlySet<string> Scopes)
{
    /// <summary>The request from loopback on a development set-up (<see cref="ApiOptions.AllowAnonymousLoopback"/>): the operator.</summary>
    public static readonly ApiClient AnonymousLoopback = new("anonymous-loopback", Caller.DefaultTenant, ApiScopes.All.ToHashSet(StringComparer.Ordinal));

    public bool Admin => Scopes.Contains(ApiScopes.Admin);

    public Caller Caller => new(Name, Tenant, Admin);

    public bool Has(string scope) => Scopes.Contains(scope);

    /// <summary>The client the authentication filter put on the request; the routes behind it always have one.</summary>
    public static ApiClient Of(HttpContext http) =>
        http.Features.Get<ApiClient>() ?? throw new InvalidOperationException("the route is not behind the client authentication filter");
}
