using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Provisioner.Worker.Intake.Api;

/// <summary>
/// <c>Authorization: Bearer &lt;Api:Token&gt;</c>. Without a configured token the API is open only while every address the
/// server listens on is a loopback one and the request came in on loopback: an empty token never opens a real port.
/// </summary>
public sealed class BearerTokenFilter(IOptions<ApiOptions> options, IServer server) : IEndpointFilter
{
    private readonly Lazy<bool> loopbackOnly = new(() => ListensOnLoopbackOnly(server));

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var token = options.Value.Token;
        if (string.IsNullOrEmpty(token))
            return loopbackOnly.Value && http.Connection.LocalIpAddress is { } local && IPAddress.IsLoopback(local)
                ? await next(context)
                : Refuse(http, "no API token is configured; without one the API answers only on a loopback address");
        var header = http.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return Refuse(http, "a bearer token is required");
        return Matches(header["Bearer ".Length..].Trim(), token) ? await next(context) : Refuse(http, "the bearer token is not valid");
    }

    /// <summary>Compares digests, so the time taken says nothing about the token's length or its first differing byte.</summary>
    public static bool Matches(string presented, string expected) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));

    private static IResult Refuse(HttpContext http, string detail)
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
