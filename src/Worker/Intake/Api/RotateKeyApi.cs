using MassTransit;
using Provisioner.Contracts;

using Provisioner.Worker.Intake.Api.Docs;

namespace Provisioner.Worker.Intake.Api;

/// <summary>
/// <c>POST /environments/{id}/rotate-key</c>: accepted at once, the rotation's events tell how it went; 404 for an
/// environment that never existed or is another tenant's, with nothing published.
/// </summary>
public static class RotateKeyApi
{
    public static IEndpointRouteBuilder MapRotateKeyApi(this IEndpointRouteBuilder app)
    {
        app.MapClientRoutes().MapPost("/environments/{id}/rotate-key", RotateAsync).RequireScope(ApiScopes.Rotate)
            .Produces<AcceptedRun>(StatusCodes.Status202Accepted).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        return app;
    }

    private static async Task<IResult> RotateAsync(string id, HttpContext http, TenantAccess tenants, IBus bus, CancellationToken ct)
    {
        var caller = ApiClient.Of(http).Caller;
        if (await tenants.FindAsync(id, caller, ct) is not { HasRun: true }) return ApiResults.NotFound(id);
        var command = new RotateAccessKey(Guid.NewGuid(), id) { Caller = caller };
        await bus.Publish(command, ct);
        return Results.Accepted($"/environments/{Uri.EscapeDataString(id)}", new AcceptedRun(id, command.RequestId));
    }
}
