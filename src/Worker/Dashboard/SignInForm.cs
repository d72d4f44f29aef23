using Microsoft.Extensions.Options;
using Provisioner.Worker.Intake.Api;

namespace Provisioner.Worker.Dashboard;

/// <summary>
/// Takes a client's token once and keeps it in an HttpOnly, SameSite=Strict cookie scoped to the dashboard. A form post
/// from another site is refused by its <c>Origin</c> (a same-site form sends the worker's own).
/// </summary>
public static class SignInForm
{
    public static string Html(string? error) =>
        (error is null ? "" : $"<p class=\"error\">{DashboardHtml.Encode(error)}</p>")
        + $"""
          <form method="post" action="{DashboardRoutes.Root}/sign-in">
            <label>Token <input type="password" name="token" autocomplete="off" required></label>
            <button type="submit">Sign in</button>
          </form>
          <p class="muted">The token of a client configured under Api:Clients; it is kept in a cookie only this dashboard reads.</p>
          """;

    public static async Task<IResult> SignInAsync(HttpContext http, ApiClients clients, IOptions<ApiOptions> options, CancellationToken ct)
    {
        var request = http.Request;
        if (request.Headers.Origin.Count > 0 && !request.Headers.Origin.All(o => o is not null && IsOwnOrAllowed(o, request, options.Value)))
            return Results.Problem("requests from this origin are not served (Api:AllowedOrigins)", statusCode: StatusCodes.Status403Forbidden,
                title: "Forbidden");
        if (!request.HasFormContentType) return Results.Problem("a form is expected", statusCode: StatusCodes.Status415UnsupportedMediaType);
        var form = await request.ReadFormAsync(ct);
        var token = form["token"].ToString().Trim();
        if (token.Length == 0 || clients.Authenticate(token) is null)
            return DashboardHtml.Page(http, "Sign in", Html("That token is not a configured client's."), StatusCodes.Status401Unauthorized);
        http.Response.Cookies.Append(DashboardCookie.Name, token, DashboardCookie.Options(request));
        return Results.Redirect(DashboardRoutes.Root);
    }

    private static bool IsOwnOrAllowed(string origin, HttpRequest request, ApiOptions options) =>
        string.Equals(origin, $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase)
        || ApiOrigins.IsAllowed(origin, ApiOrigins.Parse(options.AllowedOrigins));
}
