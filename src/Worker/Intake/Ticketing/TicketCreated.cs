using Provisioner.Contracts;
using Provisioner.Worker.Common;

namespace Provisioner.Worker.Intake.Ticketing;

/// <summary>The body of <c>POST /webhooks/tickets</c>: a ticket was created that asks for this environment.</summary>
public sealed record TicketCreated
{
    public string System { get; init; } = "";
    public string Key { get; init; } = "";

    /// <summary>Where stage callbacks go; else the request's own <c>ticket.callbackUrl</c>.</summary>
    public string? CallbackUrl { get; init; }

    public EnvironmentRequest? Request { get; init; }

    /// <summary>
    /// The request with this ticket set. Without a request id of its own, the id is derived from the ticket, so the
    /// ticketing system sending the same ticket twice starts one run.
    /// </summary>
    public ProvisionEnvironment ToCommand()
    {
        var request = Request! with
        {
            Ticket = new TicketReference { System = System, Key = Key, CallbackUrl = CallbackUrl ?? Request.Ticket?.CallbackUrl },
        };
        return RequestReader.ToCommand(request, StableIds.From("ticket", $"{System}\n{Key}"));
    }
}
