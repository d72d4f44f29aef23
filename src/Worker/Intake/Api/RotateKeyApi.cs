using MassTransit;
using Provisioner.Contracts;

namespace Provisioner.Worker.Intake.Api;

/// <summary><c>POST /environments/{id}/rotate-key</c>: accepted at once; the rotation's events tell how it went.</summary>
public static class RotateKeyApi
{
    public static IEndpointRouteBuilder MapRotateKeyApi(this IEndpointRouteBuilder app)
    {
        // Behind the same bearer token as the rest of the API.
        app.MapGroup("").AddEndpointFilter<BearerTokenFilter>().MapPost("/environments/{id}/rotate-key", async (string id, IBus bus, CancellationToken ct) =>
        {
            var command = new RotateAccessKey(Guid.NewGuid(), id);
            await bus.Publish(command, ct);
            return Results.Accepted($"/environments/{id}", new { id, requestId = command.RequestId });
        });
        return app;
    }
}
