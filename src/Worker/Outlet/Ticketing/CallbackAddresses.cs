using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace Provisioner.Worker.Outlet.Ticketing;

/// <summary>
/// The addresses a callback must never reach: the worker itself, its networks and the cloud's metadata service.
/// Loopback, unspecified, RFC 1918 and ULA (fc00::/7, which holds fd00:ec2::254), link-local (169.254/16 with
/// 169.254.169.254, fe80::/10), CGNAT (100.64/10), multicast, broadcast and reserved ranges; an IPv6 address that carries
/// an IPv4 one (mapped, compatible, NAT64, 6to4) is judged by the IPv4 address it carries. And any address of this
/// machine's own interfaces, whatever its range: a worker with a public address must not call itself either.
/// </summary>
public static class CallbackAddresses
{
    private static readonly IPNetwork[] ForbiddenV4 =
    [
        IPNetwork.Parse("0.0.0.0/8"), IPNetwork.Parse("10.0.0.0/8"), IPNetwork.Parse("100.64.0.0/10"), IPNetwork.Parse("127.0.0.0/8"),
        IPNetwork.Parse("169.254.0.0/16"), IPNetwork.Parse("172.16.0.0/12"), IPNetwork.Parse("192.0.0.0/24"), IPNetwork.Parse("192.168.0.0/16"),
        IPNetwork.Parse("198.18.0.0/15"), IPNetwork.Parse("224.0.0.0/4"), IPNetwork.Parse("240.0.0.0/4"),
        IPNetwork.Parse("192.0.2.0/24"), IPNetwork.Parse("198.51.100.0/24"), IPNetwork.Parse("203.0.113.0/24"),
    ];

    private static readonly IPNetwork[] ForbiddenV6 =
    [
        IPNetwork.Parse("::/128"), IPNetwork.Parse("::1/128"), IPNetwork.Parse("fc00::/7"), IPNetwork.Parse("fe80::/10"),
        IPNetwork.Parse("fec0::/10"), IPNetwork.Parse("ff00::/8"), IPNetwork.Parse("100::/64"), IPNetwork.Parse("2001:db8::/32"),
    ];

    private static readonly IPNetwork[] CarryingV4AtTheEnd = [IPNetwork.Parse("::/96"), IPNetwork.Parse("64:ff9b::/96"), IPNetwork.Parse("64:ff9b:1::/48")];

    private static readonly IPNetwork SixToFour = IPNetwork.Parse("2002::/16");

    /// <param name="own">This machine's addresses; null = read from its network interfaces now.</param>
    public static bool IsForbidden(IPAddress address, IReadOnlyCollection<IPAddress>? own = null)
    {
        var plain = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        return IsInternal(address) || (own ?? OwnAddresses()).Contains(plain);
    }

    public static IReadOnlyCollection<IPAddress> OwnAddresses() =>
        NetworkInterface.GetAllNetworkInterfaces().SelectMany(i => i.GetIPProperties().UnicastAddresses).Select(u => u.Address).ToHashSet();

    private static bool IsInternal(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) return IsInternal(address.MapToIPv4());
        if (address.AddressFamily == AddressFamily.InterNetwork) return ForbiddenV4.Any(n => n.Contains(address));
        if (ForbiddenV6.Any(n => n.Contains(address))) return true;
        var bytes = address.GetAddressBytes();
        if (CarryingV4AtTheEnd.Any(n => n.Contains(address))) return IsInternal(new IPAddress(bytes[12..16]));
        return SixToFour.Contains(address) && IsInternal(new IPAddress(bytes[2..6]));
    }
}
