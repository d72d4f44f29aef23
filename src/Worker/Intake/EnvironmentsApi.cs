using MassTransit;
using Microsoft.AspNetCore.Mvc;
using Provisioner.Contracts;
using Provisioner.Worker.Validation;

namespace Provisioner.Worker.Intake;

/// <summary>The HTTP way in: submit a request, read an environment's status, and a liveness probe.</summary>
public static class EnvironmentsApi
{
    public static IEndpointRouteBuilder MapEnvironmentsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", () => Results.Text("ok"));
        app.MapPost("/environments", SubmitAsync);
        app.MapGet("/environments/{id}", StatusAsync);
        return app;
    }

    private static async Task<IResult> SubmitAsync(HttpRequest http, IBus bus, TimeProvider clock, CancellationToken ct)
    {
        using var reader = new StreamReader(http.Body);
        ProvisionEnvironment command;
        try
        {
            command = RequestReader.ToCommand(RequestReader.Parse(await reader.ReadToEndAsync(ct)));
        }
        catch (RequestFormatException ex)
        {
            return Results.Problem(ex.Message, statusCode: StatusCodes.Status400BadRequest, title: "Malformed request");
        }
        var problems = RequestValidator.Validate(command.Request, clock.GetUtcNow());
        if (problems.Count > 0)
            return Results.ValidationProblem(problems.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray()),
                title: "Invalid request");
        await bus.Publish(command, ct);
        var environment = command.Request.Environment;
        return Results.Accepted($"/environments/{environment}", new { id = environment, requestId = command.RequestId });
    }

    private static async Task<IResult> StatusAsync(string id, IRequestClient<GetEnvironmentStatus> client, CancellationToken ct)
    {
        var response = await client.GetResponse<EnvironmentStatus, EnvironmentNotFound>(new GetEnvironmentStatus(Guid.NewGuid(), id), ct);
        return response.Is(out Response<EnvironmentStatus>? status)
            ? Results.Ok(status!.Message)
            : Results.Problem($"no environment named '{id}'", statusCode: StatusCodes.Status404NotFound, title: "Not found");
    }
}
