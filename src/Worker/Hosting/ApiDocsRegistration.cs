using Provisioner.Worker.Dashboard;
using Provisioner.Worker.Intake.Api;
using Provisioner.Worker.Intake.Api.Docs;
using Provisioner.Worker.Validation;

namespace Provisioner.Worker.Hosting;

/// <summary>
/// What describes the API and shows its state: the OpenAPI document, the request's JSON Schema and the dashboard. All
/// three are behind the clients' authentication like every other route: they tell nothing a client could not ask for,
/// but nothing is served to nobody.
/// </summary>
public static class ApiDocsRegistration
{
    public const string OpenApiRoute = "/openapi/{documentName}.json";

    public static IServiceCollection AddProvisionerApiDocs(this IServiceCollection services) => services.AddOpenApi("v1", o =>
    {
        o.AddDocumentTransformer<ApiDocumentTransformer>();
        o.AddOperationTransformer<ScopeOperationTransformer>();
    });

    public static IEndpointRouteBuilder MapProvisionerApiDocs(this IEndpointRouteBuilder app)
    {
        var api = app.MapClientRoutes();
        api.MapOpenApi(OpenApiRoute).RequireScope([.. ApiScopes.All]);
        api.MapGet(RequestSchema.Route, () => Results.Text(RequestSchema.Text, RequestSchema.MediaType))
            .RequireScope([.. ApiScopes.All])
            .Produces<string>(StatusCodes.Status200OK, RequestSchema.MediaType)
            .WithSummary("The request's JSON Schema (draft 2020-12)");
        app.MapDashboard();
        return app;
    }
}
