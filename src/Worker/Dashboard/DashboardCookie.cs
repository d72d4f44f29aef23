namespace Provisioner.Worker.Dashboard;

/// <summary>
/// The dashboard's pages only: a request without an <c>Authorization</c> header presents the token of the sign-in cookie
/// instead, and a page that would be 401 sends the browser to the sign-in form. No other route reads the cookie (it is
/// scoped to <c>/ui</c> and only this filter knows it), so it can never authorize a call that changes anything.
/// </summary>
public sealed class DashboardCookie : IEndpointFilter
{
    public const string Name = "provisioner-ui";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.HttpContext.Request;
        if (request.Headers.Authorization.Count == 0 && request.Cookies[Name] is { Length: > 0 } token)
            request.Headers.Authorization = $"Bearer {token}";
        var result = await next(context);
        return result is IStatusCodeHttpResult { StatusCode: StatusCodes.Status401Unauthorized }
            ? Results.Redirect($"{DashboardRoutes.Root}/sign-in")
            : result;
    }

    public static CookieOptions Options(HttpRequest request) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Secure = request.IsHttps,
        Path = DashboardRoutes.Root,
        IsEssential = true,
    };
}
