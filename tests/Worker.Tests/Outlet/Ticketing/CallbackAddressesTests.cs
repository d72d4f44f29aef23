using System.Net;
using Provisioner.Worker.Outlet.Ticketing;

namespace Provisioner.Worker.Tests.Outlet.Ticketing;

public sealed class CallbackAddressesTests
{
    [Theory]
    [InlineData("127.0.0.1")] // loopback
    [InlineData("127.8.9.10")]
    [InlineData("0.0.0.0")] // unspecified
    [InlineData("10.1.2.3")] // RFC 1918
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.254")]
    [InlineData("192.168.1.1")]
    [InlineData("100.64.0.1")] // CGNAT
    [InlineData("100.127.255.254")]
    [InlineData("169.254.169.254")] // instance metadata
    [InlineData("169.254.10.1")] // link-local
    [InlineData("224.0.0.251")] // multicast
    [InlineData("239.255.255.250")]
    [InlineData("255.255.255.255")] // broadcast
    [InlineData("240.0.0.1")] // reserved
    [InlineData("192.0.0.192")] // IETF protocol assignments
    [InlineData("198.18.0.1")] // benchmarking
    [InlineData("192.0.2.10")] // documentation
    [InlineData("203.0.113.7")]
    [InlineData("2001:db8::1")]
    [InlineData("::1")] // loopback
    [InlineData("::")] // unspecified
    [InlineData("fc00::1")] // ULA
    [InlineData("fd00:ec2::254")] // instance metadata over IPv6
    [InlineData("fe80::1")] // link-local
    [InlineData("fec0::1")] // site-local
    [InlineData("ff02::1")] // multicast
    [InlineData("::ffff:127.0.0.1")] // IPv4-mapped loopback
    [InlineData("::ffff:169.254.169.254")] // IPv4-mapped metadata
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("::ffff:7f00:1")] // the same mapped loopback, written in hex
    [InlineData("::127.0.0.1")] // IPv4-compatible
    [InlineData("64:ff9b::a9fe:a9fe")] // NAT64 of 169.254.169.254
    [InlineData("2002:7f00:1::")] // 6to4 of 127.0.0.1
    public void IsForbidden_InternalAddress_True(string address)
    {
        Assert.True(CallbackAddresses.IsForbidden(IPAddress.Parse(address)), address);
    }

    [Theory]
    [InlineData("93.184.215.14")]
    [InlineData("8.8.8.8")]
    [InlineData("172.32.0.1")] // just past 172.16/12
    [InlineData("100.128.0.1")] // just past 100.64/10
    [InlineData("169.255.0.1")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("::ffff:8.8.8.8")]
    [InlineData("64:ff9b::808:808")] // NAT64 of 8.8.8.8
    [InlineData("2002:808:808::")] // 6to4 of 8.8.8.8
    public void IsForbidden_PublicAddress_False(string address)
    {
        Assert.False(CallbackAddresses.IsForbidden(IPAddress.Parse(address)), address);
    }

    [Fact]
    public void IsForbidden_PublicAddressOfThisMachine_True()
    {
        IReadOnlyCollection<IPAddress> own = [IPAddress.Parse("93.184.215.14")];

        Assert.True(CallbackAddresses.IsForbidden(IPAddress.Parse("93.184.215.14"), own));
        Assert.True(CallbackAddresses.IsForbidden(IPAddress.Parse("::ffff:93.184.215.14"), own));
        Assert.False(CallbackAddresses.IsForbidden(IPAddress.Parse("93.184.215.15"), own));
    }

    [Fact]
    public void OwnAddresses_EveryOneForbidden()
    {
        Assert.All(CallbackAddresses.OwnAddresses(), a => Assert.True(CallbackAddresses.IsForbidden(a), a.ToString()));
    }
}
