using Provisioner.Contracts;
using Provisioner.Worker.Intake.Api.Docs;

namespace Provisioner.Worker.Intake.Api;

/// <summary>Problem-details answers shared by the routes.</summary>
public static class ApiResults
{
    public static IResult TooLarge(long maxBytes) =>
        Results.Problem($"the body is larger than {maxBytes} bytes (Api:MaxRequestBytes)", statusCode: StatusCodes.Status413PayloadTooLarge,
            title: "Request too large");

    public static IResult Malformed(string detail) =>
        Results.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Malformed request");

    /// <summary>Every problem, keyed by its field path.</summary>
    public static IResult Invalid(IReadOnlyList<RequestProblem> problems) =>
        Results.ValidationProblem(problems.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray()),
            title: "Invalid request");

    public static IResult NotFound(string environment) =>
        Results.Problem($"no environment named '{environment}'", statusCode: StatusCodes.Status404NotFound, title: "Not found");

    public static IResult Accepted(string environment, Guid requestId) =>
        Results.Accepted($"/environments/{Uri.EscapeDataString(environment)}", new AcceptedRun(environment, requestId));
}
