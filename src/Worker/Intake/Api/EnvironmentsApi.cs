using MassTransit;
using Microsoft.Extensions.Options;
using Provisioner.Contracts;
using Provisioner.Worker.Drift;
using Provisioner.Worker.Intake.Api.Docs;
using Provisioner.Worker.Intake.Ticketing;
using Provisioner.Worker.Profiles;
using Provisioner.Worker.Runs;
using Provisioner.Worker.Validation;

namespace Provisioner.Worker.Intake.Api;

/// <summary>
/// The HTTP way in: submit, list, read and delete environments, plan a request, the probes, and the ticket webhook.
/// Everything but the probes and the (signed) webhook needs a client's bearer token and the route's scope.
/// </summary>
public static class EnvironmentsApi
{
    public static IEndpointRouteBuilder MapEnvironmentsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", () => Results.Text("ok")).WithTags("Probes").Produces<string>(contentType: "text/plain");
        app.MapHealthChecks("/readyz", Readiness.Options);
        app.MapPost("/webhooks/tickets", TicketWebhook.ReceiveAsync).AddEndpointFilter<BrowserForgeryFilter>()
            .AddEndpointFilter(new Telemetry.IntakeMetricsFilter("webhook"))
            .Produces<AcceptedRun>(StatusCodes.Status202Accepted).ProducesRequestProblems().ProducesProblem(StatusCodes.Status401Unauthorized);
        var api = app.MapClientRoutes();
        api.MapPost("/environments", SubmitAsync).RequireScope(ApiScopes.Submit).AddEndpointFilter(new Telemetry.IntakeMetricsFilter("api"))
            .Produces<AcceptedRun>(StatusCodes.Status202Accepted).ProducesRequestProblems();
        api.MapGet("/environments", ListAsync).RequireScope(ApiScopes.Read).Produces<EnvironmentList>();
        api.MapGet("/environments/{id}", StatusApi.StatusAsync).RequireScope(ApiScopes.Read)
            .Produces<EnvironmentStatus>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/environments/{id}/events", StatusApi.EventsAsync).RequireScope(ApiScopes.Read)
            .Produces<string>(contentType: "text/event-stream").ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/environments/{id}/check", CheckApi.CheckAsync).RequireScope(ApiScopes.Read)
            .Produces<DriftReport>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapDelete("/environments/{id}", DeprovisionApi.DeleteAsync).RequireScope(ApiScopes.Deprovision).Produces<AcceptedDeprovision>(StatusCodes.Status202Accepted)
            .ProducesRequestProblems().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/plans", PlansApi.PlanAsync).RequireScope(ApiScopes.Submit, ApiScopes.Read).Produces<object>(contentType: "application/json").ProducesRequestProblems();
        return app;
    }

    private static async Task<IResult> SubmitAsync(HttpContext http, IBus bus, TenantAccess tenants, CallbackPolicy callbacks,
        IOptions<ApiOptions> options, TimeProvider clock, ProfileCatalog profiles, CancellationToken ct)
    {
        var max = options.Value.MaxRequestBytes;
        if (await RequestBody.ReadAsync(http.Request, max, ct) is not { } body) return ApiResults.TooLarge(max);
        ProvisionEnvironment command;
        try
        {
            command = RequestReader.ToCommand(RequestReader.Parse(RequestBody.Text(body))) with { Caller = ApiClient.Of(http).Caller };
        }
        catch (RequestFormatException ex)
        {
            return ApiResults.Malformed(ex.Message);
        }
        IReadOnlyList<RequestProblem> problems = [.. RequestValidator.Validate(command.Request, clock.GetUtcNow()),
            .. profiles.Problems(command.Request, command.Caller!), .. callbacks.Check(command.Request.Ticket),
            .. await tenants.ProblemsAsync(command.Request, command.Caller!, ct)];
        if (problems.Count > 0) return ApiResults.Invalid(problems);
        await bus.Publish(command, ct);
        return ApiResults.Accepted(command.Request.Environment, command.RequestId);
    }

    private static async Task<IResult> ListAsync(string? state, HttpContext http, TenantAccess tenants, CancellationToken ct)
    {
        var caller = ApiClient.Of(http).Caller;
        if (string.IsNullOrWhiteSpace(state)) return Results.Ok(new EnvironmentList([.. (await tenants.ListAsync(null, caller, ct)).Select(StatusDocument.From)]));
        var sagas = await tenants.ListAsync(EnvironmentStates.ToStored(state), caller, ct);
        return Results.Ok(new EnvironmentList([.. sagas.Where(s => EnvironmentStates.IsIn(s, state)).Select(StatusDocument.From)]));
    }
}
