using Provisioner.Worker.Intake;
using Provisioner.Worker.Intake.Api;
using Provisioner.Worker.Runs;

namespace Provisioner.Worker.Dashboard;

/// <summary>
/// The read-only dashboard: the caller's tenant's environments and, per environment, its run as a timeline. Behind the
/// same authentication as the API (a bearer token, or the cookie the sign-in form sets) and the <c>read</c> scope.
/// </summary>
public static class DashboardRoutes
{
    public const string Root = "/ui";

    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder app)
    {
        app.MapGet($"{Root}/dashboard.css", () => Results.Text(DashboardStyles.Css, "text/css")).WithTags("Dashboard");
        app.MapGet($"{Root}/sign-in", (HttpContext http) => DashboardHtml.Page(http, "Sign in", SignInForm.Html(null))).WithTags("Dashboard")
            .Produces<string>(contentType: "text/html");
        app.MapPost($"{Root}/sign-in", SignInForm.SignInAsync).WithTags("Dashboard").DisableAntiforgery()
            .Produces(StatusCodes.Status302Found)
            .Produces<string>(StatusCodes.Status401Unauthorized, "text/html").ProducesProblem(StatusCodes.Status403Forbidden);
        var pages = app.MapGroup(Root).WithTags("Dashboard")
            .AddEndpointFilter<DashboardCookie>().AddEndpointFilter<BrowserForgeryFilter>().AddEndpointFilter<ClientAuthenticationFilter>();
        pages.MapGet("", ListAsync).RequireScope(ApiScopes.Read).Produces<string>(contentType: "text/html");
        pages.MapGet("/environments/{environment}", EnvironmentAsync).RequireScope(ApiScopes.Read)
            .Produces<string>(contentType: "text/html").Produces<string>(StatusCodes.Status404NotFound, "text/html");
        return app;
    }

    private static async Task<IResult> ListAsync(HttpContext http, TenantAccess tenants, CancellationToken ct)
    {
        var client = ApiClient.Of(http);
        var environments = (await tenants.ListAsync(null, client.Caller, ct)).Select(StatusDocument.From).ToList();
        return DashboardHtml.Page(http, "Environments", EnvironmentListPage.Html(client, environments));
    }

    private static async Task<IResult> EnvironmentAsync(string environment, HttpContext http, TenantAccess tenants, CancellationToken ct) =>
        await tenants.FindAsync(environment, ApiClient.Of(http).Caller, ct) is { } saga
            ? DashboardHtml.Page(http, saga.Environment, EnvironmentPage.Html(StatusDocument.From(saga)))
            : DashboardHtml.Page(http, "Not found", $"<p>No environment named '{DashboardHtml.Encode(environment)}'.</p>", StatusCodes.Status404NotFound);
}
