using Microsoft.Extensions.Options;
using Provisioner.Worker.Cli;
using Provisioner.Worker.Intake.Ticketing;
using Provisioner.Worker.Planning;
using Provisioner.Worker.Validation;

namespace Provisioner.Worker.Intake.Api;

/// <summary><c>POST /plans</c>: what <c>plan</c> prints, without a cloud call; facts the request does not state are placeholders.</summary>
public static class PlansApi
{
    public static async Task<IResult> PlanAsync(HttpRequest http, CallbackPolicy callbacks, IOptions<ApiOptions> options, TimeProvider clock,
        CancellationToken ct)
    {
        var max = options.Value.MaxRequestBytes;
        if (await RequestBody.ReadAsync(http, max, ct) is not { } body) return ApiResults.TooLarge(max);
        try
        {
            var command = RequestReader.ToCommand(RequestReader.Parse(RequestBody.Text(body)));
            var request = command.Request;
            var problems = RequestValidator.Validate(request, clock.GetUtcNow()).Concat(callbacks.Check(request.Ticket)).ToList();
            if (problems.Count > 0) return ApiResults.Invalid(problems);
            var facts = new PlanFacts(request.Aws.AccountId ?? PlanFacts.UnknownAccount, request.Kubernetes.OidcIssuer ?? PlanFacts.UnknownIssuer);
            return Results.Content(PlanPrinter.Print(Planner.Plan(request, command.RequestId, facts)), "application/json");
        }
        catch (RequestFormatException ex)
        {
            return ApiResults.Malformed(ex.Message);
        }
    }
}
