using System.Net;
using Microsoft.Extensions.Options;
using Provisioner.Contracts;
using Provisioner.Worker.Outlet.Ticketing;

namespace Provisioner.Worker.Intake.Ticketing;

/// <summary>
/// Which callback URLs a request may carry: hosts <c>Ticketing:AllowedCallbackHosts</c> lists, and no internal address
/// written as a literal. Checked when a request is accepted, so a refused URL is a validation error the caller sees;
/// what a host name resolves to is checked again on every connection (<see cref="CallbackConnector"/>).
/// </summary>
public sealed class CallbackPolicy(IOptions<TicketingOptions> options)
{
    public const string Field = "ticket.callbackUrl";

    private readonly IReadOnlyList<string> allowed = ParseHosts(options.Value.AllowedCallbackHosts);

    public IEnumerable<RequestProblem> Check(TicketReference? ticket)
    {
        if (ticket?.CallbackUrl is not { } url || !Uri.TryCreate(url, UriKind.Absolute, out var uri)) yield break; // the validator says why
        if (allowed.Count == 0)
            yield return new RequestProblem(Field, "callbacks are not enabled on this worker (Ticketing:AllowedCallbackHosts is empty)");
        else if (!IsAllowedHost(HostOf(uri)))
            yield return new RequestProblem(Field, $"the host '{HostOf(uri)}' is not one callbacks may go to (Ticketing:AllowedCallbackHosts)");
        if (!options.Value.AllowPrivateNetworks && IPAddress.TryParse(HostOf(uri), out var address) && CallbackAddresses.IsForbidden(address))
            yield return new RequestProblem(Field, "is a loopback, private, link-local or other internal address; callbacks go to public addresses only");
    }

    /// <summary>The host as compared: lower case, punycode for international names, an IPv6 literal without brackets.</summary>
    public static string HostOf(Uri uri) => Normalize(uri.IdnHost);

    /// <summary>An exact entry, or <c>*.domain</c> for any name under that domain (not the domain itself).</summary>
    public bool IsAllowedHost(string host)
    {
        var name = Normalize(host);
        return allowed.Any(entry => entry.StartsWith("*.", StringComparison.Ordinal)
            ? name.EndsWith(entry[1..], StringComparison.Ordinal) && name.Length > entry.Length - 1
            : name == entry);
    }

    public static IReadOnlyList<string> ParseHosts(string? list) =>
        (list ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(Normalize).ToList();

    /// <summary>A host name, an IP literal, or <c>*.</c> and a domain with at least one dot.</summary>
    public static bool IsHostPattern(string entry)
    {
        var name = entry.StartsWith("*.", StringComparison.Ordinal) ? entry[2..] : entry;
        return (entry == name || name.Contains('.')) && (IPAddress.TryParse(name, out _) || Uri.CheckHostName(name) == UriHostNameType.Dns);
    }

    private static string Normalize(string host) => host.Trim('[', ']').TrimEnd('.').ToLowerInvariant();
}
