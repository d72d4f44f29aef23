using System.Text.Json;
using System.Text.Json.Nodes;
using Provisioner.Contracts;
using Provisioner.Worker.Planning;
using Provisioner.Worker.Validation;

namespace Provisioner.Worker.Intake.Sqs;

/// <summary>A queue message read as a request: the command to publish, or every reason it is refused.</summary>
/// <param name="Ticket">Set when the ticket reference itself is valid: a rejection is still reported to the ticket.</param>
public sealed record QueuedRequest(Guid RequestId, string Environment, ProvisionEnvironment? Command,
    IReadOnlyList<RequestProblem> Problems, string? Rejection, TicketReference? Ticket = null)
{
    public const string Malformed = "malformed";
    public const string Invalid = "invalid";

    /// <param name="fallbackId">The id when the request names none: derived from the SQS message id, so a redelivery keeps it.</param>
    /// <param name="caller">Who the queue's requests act for.</param>
    /// <param name="policy">Problems beyond the request's own: a callback URL the worker may not call, another tenant's name.</param>
    public static async Task<QueuedRequest> ReadAsync(string? body, Guid fallbackId, DateTimeOffset now, Caller caller,
        Func<EnvironmentRequest, Task<IEnumerable<RequestProblem>>>? policy = null)
    {
        EnvironmentRequest request;
        try
        {
            request = RequestReader.Parse(body ?? "");
        }
        catch (RequestFormatException ex)
        {
            var (id, environment) = BestEffortIdentity(body, fallbackId);
            return new QueuedRequest(id, environment, null, [new RequestProblem("$", ex.Message)], Malformed);
        }
        var command = RequestReader.ToCommand(request, fallbackId) with { Caller = caller };
        var problems = RequestValidator.Validate(request, now).Concat(policy is null ? [] : await policy(request)).ToList();
        return problems.Count == 0
            ? new QueuedRequest(command.RequestId, request.Environment, command, [], null)
            : Refused(command.RequestId, request, problems);
    }

    /// <summary>Reported to its ticket unless the ticket is what is wrong; an environment name that is wrong is logged escaped.</summary>
    private static QueuedRequest Refused(Guid requestId, EnvironmentRequest request, IReadOnlyList<RequestProblem> problems)
    {
        var environment = problems.Any(p => p.Field == "environment")
            ? TextRules.Printable(request.Environment, ResourceNames.MaxEnvironmentLength) : request.Environment;
        return new QueuedRequest(requestId, environment, null, problems, Invalid,
            problems.Any(p => p.Field.StartsWith("ticket", StringComparison.Ordinal)) ? null : request.Ticket);
    }

    /// <summary>A rejection event is more useful with the caller's id and environment, when a malformed body still shows them.</summary>
    private static (Guid Id, string Environment) BestEffortIdentity(string? body, Guid fallbackId)
    {
        try
        {
            var node = JsonNode.Parse(body ?? "") as JsonObject;
            var id = node?["requestId"] is JsonValue v && v.TryGetValue(out string? s) && Guid.TryParse(s, out var parsed) ? parsed : fallbackId;
            var environment = node?["environment"] is JsonValue e && e.TryGetValue(out string? name)
                ? TextRules.Printable(name, ResourceNames.MaxEnvironmentLength) : "";
            return (id, environment);
        }
        catch (JsonException)
        {
            return (fallbackId, "");
        }
    }
}
