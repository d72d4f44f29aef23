using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Provisioner.Worker.Intake.Api;

/// <summary>
/// <c>Authorization: Bearer &lt;token&gt;</c> → the configured client (401 otherwise), then the route's
/// <see cref="RequiredScope"/> (403 naming the scope otherwise). The client is left on the request for the route. Without
/// a token, only <see cref="ApiOptions.AllowAnonymousLoopback"/> on a loopback-only server lets a loopback request in.
/// </summary>
public sealed class ClientAuthenticationFilter(ApiClients clients, IOptions<ApiOptions> options, IServer server) : IEndpointFilter
{
    private readonly Lazy<bool> loopbackOnly = new(() => ListensOnLoopbackOnly(server));

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var header = http.Request.Headers.Authorization.ToString();
        ApiClient? client;
        if (header.Length == 0)
        {
            if (!AnonymousAllowed(http)) return Unauthorized(http, "a bearer token is required");
            client = ApiClient.AnonymousLoopback;
        }
        else if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return Unauthorized(http, "a bearer token is required");
        else if ((client = clients.Authenticate(header["Bearer ".Length..].Trim())) is null)
            return Unauthorized(http, "the bearer token is not valid");

        var required = http.GetEndpoint()?.Metadata.GetMetadata<RequiredScope>();
        if (required is null || !required.AnyOf.Any(client.Has))
            return Results.Problem($"the client '{client.Name}' lacks the scope '{required?.ToString() ?? "(none defined for this route)"}'",
                statusCode: StatusCodes.Status403Forbidden, title: "Forbidden");
        http.Features.Set(client);
        return await next(context);
    }

    private bool AnonymousAllowed(HttpContext http) =>
        options.Value.AllowAnonymousLoopback && loopbackOnly.Value && http.Connection.LocalIpAddress is { } local && IPAddress.IsLoopback(local)
        && http.Connection.RemoteIpAddress is { } remote && IPAddress.IsLoopback(remote);

    private static IResult Unauthorized(HttpContext http, string detail)
    {
        http.Response.Headers.WWWAuthenticate = "Bearer";
        return Results.Problem(detail, statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized");
    }

    private static bool ListensOnLoopbackOnly(IServer server)
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        return addresses.Count > 0 && addresses.All(a =>
            BindingAddress.Parse(a).Host is var host && (host == "localhost" || (IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip))));
    }
}
