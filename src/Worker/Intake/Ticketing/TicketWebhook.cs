using System.Security.Cryptography;
using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.Options;
using Provisioner.Contracts;
using Provisioner.Worker.Intake.Api;
using Provisioner.Worker.Profiles;
using Provisioner.Worker.Validation;

namespace Provisioner.Worker.Intake.Ticketing;

/// <summary>
/// <c>POST /webhooks/tickets</c>: a ticketing system reports a new ticket that asks for an environment. Signed like our
/// callbacks; a missing, wrong, stale or replayed signature is 401 before the body is even parsed. Its requests act for
/// <c>Ticketing:Tenant</c>, never as admin: another tenant's environment name is refused like an invalid request.
/// </summary>
public static class TicketWebhook
{
    public const string Client = "ticket-webhook";

    public static async Task<IResult> ReceiveAsync(HttpRequest http, IOptions<TicketingOptions> ticketing, IOptions<ApiOptions> api,
        ReplayGuard replays, TenantAccess tenants, CallbackPolicy callbacks, IBus bus, TimeProvider clock, ILoggerFactory loggers,
        CancellationToken ct)
    {
        var max = api.Value.MaxRequestBytes;
        if (await RequestBody.ReadAsync(http, max, ct) is not { } body) return ApiResults.TooLarge(max);
        var o = ticketing.Value;
        var header = http.Headers[CallbackSignature.Header].ToString();
        var refusal = string.IsNullOrEmpty(o.Secret)
            ? "webhooks are refused: Ticketing:Secret is not set"
            : CallbackSignature.Check(o.Secret, header, body, clock.GetUtcNow(), o.MaxSkew, out var signedAt)
              ?? (await replays.TryUseAsync($"{signedAt}:{Convert.ToHexString(SHA256.HashData(body))}", o.MaxSkew, ct) ? null : "the signature was already used");
        if (refusal is not null)
        {
            loggers.CreateLogger(typeof(TicketWebhook)).LogWarning("Ticket webhook refused: {Reason}", refusal);
            return Results.Problem(refusal, statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized");
        }

        TicketCreated ticket;
        try
        {
            ticket = JsonSerializer.Deserialize<TicketCreated>(body, RequestReader.Options) ?? throw new JsonException("the body is null");
        }
        catch (JsonException ex)
        {
            return ApiResults.Malformed($"the ticket is not valid: {ex.Message}");
        }
        if (ticket.Request is null) return ApiResults.Invalid([new RequestProblem("request", "is required")]);
        var command = ticket.ToCommand() with { Caller = new Caller(Client, o.Tenant, Admin: false) };
        IReadOnlyList<RequestProblem> problems = [.. RequestValidator.Validate(command.Request, clock.GetUtcNow()),
            .. http.HttpContext.RequestServices.GetRequiredService<ProfileCatalog>().Problems(command.Request, command.Caller!),
            .. callbacks.Check(command.Request.Ticket), .. await tenants.ProblemsAsync(command.Request, command.Caller!, ct)];
        if (problems.Count > 0) return ApiResults.Invalid(problems);
        await bus.Publish(command, ct);
        return ApiResults.Accepted(command.Request.Environment, command.RequestId);
    }
}
