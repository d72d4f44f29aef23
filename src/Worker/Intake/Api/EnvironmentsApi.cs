using MassTransit;
using Microsoft.Extensions.Options;
using Provisioner.Contracts;
using Provisioner.Worker.Intake.Ticketing;
using Provisioner.Worker.Runs;
using Provisioner.Worker.SagaStore;
using Provisioner.Worker.Validation;

namespace Provisioner.Worker.Intake.Api;

/// <summary>
/// The HTTP way in: submit, list, read and delete environments, plan a request, the probes, and the ticket webhook.
/// Everything but the probes and the (signed) webhook needs the bearer token.
/// </summary>
public static class EnvironmentsApi
{
    public static IEndpointRouteBuilder MapEnvironmentsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", () => Results.Text("ok"));
        app.MapHealthChecks("/readyz", Readiness.Options);
        app.MapPost("/webhooks/tickets", TicketWebhook.ReceiveAsync);
        var api = app.MapGroup("").AddEndpointFilter<BearerTokenFilter>();
        api.MapPost("/environments", SubmitAsync);
        api.MapGet("/environments", ListAsync);
        api.MapGet("/environments/{id}", StatusAsync);
        api.MapDelete("/environments/{id}", DeprovisionApi.DeleteAsync);
        api.MapPost("/plans", PlansApi.PlanAsync);
        return app;
    }

    private static async Task<IResult> SubmitAsync(HttpRequest http, IBus bus, CallbackPolicy callbacks, IOptions<ApiOptions> options,
        TimeProvider clock, CancellationToken ct)
    {
        var max = options.Value.MaxRequestBytes;
        if (await RequestBody.ReadAsync(http, max, ct) is not { } body) return ApiResults.TooLarge(max);
        ProvisionEnvironment command;
        try
        {
            command = RequestReader.ToCommand(RequestReader.Parse(RequestBody.Text(body)));
        }
        catch (RequestFormatException ex)
        {
            return ApiResults.Malformed(ex.Message);
        }
        IReadOnlyList<RequestProblem> problems =
            [.. RequestValidator.Validate(command.Request, clock.GetUtcNow()), .. callbacks.Check(command.Request.Ticket)];
        if (problems.Count > 0) return ApiResults.Invalid(problems);
        await bus.Publish(command, ct);
        return ApiResults.Accepted(command.Request.Environment, command.RequestId);
    }

    private static async Task<IResult> ListAsync(string? state, SagaTable table, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(state)) return Results.Ok(new { environments = (await table.ListAsync((string?)null, ct)).Select(StatusDocument.From) });
        var sagas = await table.ListAsync(EnvironmentStates.ToStored(state), ct);
        return Results.Ok(new { environments = sagas.Where(s => EnvironmentStates.IsIn(s, state)).Select(StatusDocument.From) });
    }

    private static async Task<IResult> StatusAsync(string id, IRequestClient<GetEnvironmentStatus> client, CancellationToken ct)
    {
        var response = await client.GetResponse<EnvironmentStatus, EnvironmentNotFound>(new GetEnvironmentStatus(Guid.NewGuid(), id), ct);
        return response.Is(out Response<EnvironmentStatus>? status) ? Results.Ok(status!.Message) : ApiResults.NotFound(id);
    }
}
