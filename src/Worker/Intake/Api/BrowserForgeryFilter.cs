using Microsoft.Extensions.Options;

namespace Provisioner.Worker.Intake.Api;

/// <summary>
/// No request a web page can forge: a request carrying an <c>Origin</c> that <c>Api:AllowedOrigins</c> does not list is
/// 403, and every request but a read must be <c>Content-Type: application/json</c> (415), body or not — a browser sends
/// that cross-origin only after a preflight this API never answers. The Host header is checked before any of this, by
/// ASP.NET's host filtering (<c>AllowedHosts</c>).
/// </summary>
public sealed class BrowserForgeryFilter(IOptions<ApiOptions> options) : IEndpointFilter
{
    private readonly IReadOnlyList<string> allowedOrigins = ApiOrigins.Parse(options.Value.AllowedOrigins);

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.HttpContext.Request;
        if (request.Headers.Origin.Count > 0 && !request.Headers.Origin.All(o => o is not null && ApiOrigins.IsAllowed(o, allowedOrigins)))
            return Results.Problem("requests from this origin are not served (Api:AllowedOrigins)", statusCode: StatusCodes.Status403Forbidden,
                title: "Forbidden");
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method) && !IsJson(request.ContentType))
            return Results.Problem("the request's Content-Type must be application/json, with or without a body",
                statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type");
        return await next(context);
    }

    private static bool IsJson(string? contentType) =>
        Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var parsed)
        && string.Equals(parsed.MediaType.Value, "application/json", StringComparison.OrdinalIgnoreCase);
}
