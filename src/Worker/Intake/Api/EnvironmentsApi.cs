using MassTransit;
using Microsoft.Extensions.Options;
using Provisioner.Contracts;
using Provisioner.Worker.Intake.Api.Docs;
using Provisioner.Worker.Intake.Ticketing;
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
        app.MapPost("/webhooks/tickets", TicketWebhook.ReceiveAsync).AddEndpointFilter<BrowserForgeryFilter>().Produces<AcceptedRun>(StatusCodes.Status202Accepted).ProducesRequestProblems()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        var api = app.MapClientRoutes();
        api.MapPost("/environments", SubmitAsync).RequireScope(ApiScopes.Submit).Produces<AcceptedRun>(StatusCodes.Status202Accepted).ProducesRequestProblems();
        api.MapGet("/environments", ListAsync).RequireScope(ApiScopes.Read).Produces<EnvironmentList>();
        api.MapGet("/environments/{id}", StatusAsync).RequireScope(ApiScopes.Read)
            .Produces<EnvironmentStatus>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapDelete("/environments/{id}", DeprovisionApi.DeleteAsync).RequireScope(ApiScopes.Deprovision).Produces<AcceptedDeprovision>(StatusCodes.Status202Accepted)
            .ProducesRequestProblems().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/plans", PlansApi.PlanAsync).RequireScope(ApiScopes.Submit, ApiScopes.Read).Produces<object>(contentType: "application/json").ProducesRequestProblems();
        return app;
    }

    private static async Task<IResult> SubmitAsync(HttpContext http, IBus bus, TenantAccess tenants, CallbackPolicy callbacks,
        IOptions<ApiOptions> options, TimeProvider clock, CancellationToken ct)
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
            .. callbacks.Check(command.Request.Ticket), .. await tenants.ProblemsAsync(command.Request, command.Caller!, ct)];
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

    /// <summary>From the saga store: another tenant's environment is answered exactly as one that does not exist.</summary>
    private static async Task<IResult> StatusAsync(string id, HttpContext http, TenantAccess tenants, CancellationToken ct) =>
        await tenants.FindAsync(id, ApiClient.Of(http).Caller, ct) is { } saga ? Results.Ok(StatusDocument.From(saga)) : ApiResults.NotFound(id);
}
