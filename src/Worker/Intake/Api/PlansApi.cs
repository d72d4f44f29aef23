using Microsoft.Extensions.Options;
using Provisioner.Worker.Cli;
using Provisioner.Worker.Intake.Ticketing;
using Provisioner.Worker.Planning;
using Provisioner.Worker.SagaStore;
using Provisioner.Worker.Validation;

namespace Provisioner.Worker.Intake.Api;

/// <summary><c>POST /plans</c>: what <c>plan</c> prints, without a cloud call; facts the request does not state are placeholders.</summary>
public static class PlansApi
{
    public static async Task<IResult> PlanAsync(HttpRequest http, CallbackPolicy callbacks, IOptions<ApiOptions> options, TimeProvider clock,
        SagaTable table, CancellationToken ct)
    {
        var max = options.Value.MaxRequestBytes;
        if (await RequestBody.ReadAsync(http, max, ct) is not { } body) return ApiResults.TooLarge(max);
        try
        {
            var command = RequestReader.ToCommand(RequestReader.Parse(RequestBody.Text(body)));
            var request = command.Request;
            var problems = RequestValidator.Validate(request, clock.GetUtcNow()).Concat(callbacks.Check(request.Ticket)).ToList();
            if (problems.Count > 0) return ApiResults.Invalid(problems);
            var (plan, changes) = await AppliedPlanLookup.PlanAsync(table, request, Guid.Empty, ct);
            return Results.Content(PlanPrinter.Print(plan, changes), "application/json");
        }
        catch (RequestFormatException ex)
        {
            return ApiResults.Malformed(ex.Message);
        }
    }
}
