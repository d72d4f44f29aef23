using Microsoft.Extensions.Options;
using Provisioner.Worker.Cli;
using Provisioner.Worker.Intake.Ticketing;
using Provisioner.Worker.Planning;
using Provisioner.Worker.Profiles;
using Provisioner.Worker.SagaStore;
using Provisioner.Worker.Validation;

namespace Provisioner.Worker.Intake.Api;

/// <summary><c>POST /plans</c>: what <c>plan</c> prints, without a cloud call; facts the request does not state are placeholders.</summary>
public static class PlansApi
{
    public static async Task<IResult> PlanAsync(HttpContext http, CallbackPolicy callbacks, IOptions<ApiOptions> options, TimeProvider clock,
        SagaTable table, ProfileCatalog profiles, CancellationToken ct)
    {
        var max = options.Value.MaxRequestBytes;
        if (await RequestBody.ReadAsync(http.Request, max, ct) is not { } body) return ApiResults.TooLarge(max);
        try
        {
            var command = RequestReader.ToCommand(RequestReader.Parse(RequestBody.Text(body)));
            var caller = ApiClient.Of(http).Caller;
            var problems = RequestValidator.Validate(command.Request, clock.GetUtcNow())
                .Concat(profiles.Problems(command.Request, caller)).Concat(callbacks.Check(command.Request.Ticket)).ToList();
            if (problems.Count > 0) return ApiResults.Invalid(problems);
            var (request, profile) = profiles.Apply(command.Request, caller);
            var (plan, changes) = await AppliedPlanLookup.PlanAsync(table, request, Guid.Empty, ct);
            return Results.Content(PlanPrinter.Print(plan with { Profile = profile }, changes), "application/json");
        }
        catch (RequestFormatException ex)
        {
            return ApiResults.Malformed(ex.Message);
        }
    }
}
