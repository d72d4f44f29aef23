using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using Provisioner.Worker.Intake.Ticketing;

namespace Provisioner.Worker.Outlet.Ticketing;

/// <summary>
/// The callback client's <see cref="SocketsHttpHandler.ConnectCallback"/>: resolves the host itself and connects only to
/// addresses <see cref="CallbackAddresses"/> allows, so a name that resolves (or is re-pointed, DNS rebinding) to an
/// internal address after the request was accepted still reaches nothing inside — unless
/// <c>Ticketing:AllowPrivateNetworks</c> is set.
/// </summary>
public sealed class CallbackConnector(IOptions<TicketingOptions> options)
{
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
        var own = CallbackAddresses.OwnAddresses();
        var usable = options.Value.AllowPrivateNetworks ? addresses : addresses.Where(a => !CallbackAddresses.IsForbidden(a, own)).ToArray();
        if (usable.Length == 0)
            throw new HttpRequestException(HttpRequestError.ConnectionError,
                $"{host} resolves only to loopback, private, link-local or other internal addresses; callbacks go to public addresses only");
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(usable, context.DnsEndPoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
