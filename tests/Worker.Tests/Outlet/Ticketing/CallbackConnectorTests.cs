using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Provisioner.Worker.Intake.Ticketing;
using Provisioner.Worker.Outlet.Ticketing;
using Provisioner.Worker.Tests.Intake;

namespace Provisioner.Worker.Tests.Outlet.Ticketing;

/// <summary>The connect-time check, against a real receiver on loopback: names and literals that reach it are refused before any byte is sent.</summary>
public sealed class CallbackConnectorTests : IAsyncLifetime
{
    private CallbackReceiver receiver = null!;

    public async Task InitializeAsync() => receiver = await CallbackReceiver.StartAsync();

    public async Task DisposeAsync() => await receiver.DisposeAsync();

    private static HttpClient Client(bool allowPrivateNetworks) => new(new SocketsHttpHandler
    {
        UseProxy = false,
        ConnectCallback = new CallbackConnector(Options.Create(new TicketingOptions { AllowPrivateNetworks = allowPrivateNetworks })).ConnectAsync,
    });

    private Uri At(string host) => new($"http://{host}:{receiver.Url.Port}/hooks/OPS-1");

    /// <summary>Every name this machine's hosts file gives a loopback address (it is not changed by the tests).</summary>
    public static TheoryData<string> LoopbackNamesInHostsFile()
    {
        var names = new TheoryData<string>();
        foreach (var line in File.Exists("/etc/hosts") ? File.ReadAllLines("/etc/hosts") : [])
        {
            var fields = line.Split('#')[0].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length > 1 && IPAddress.TryParse(fields[0], out var address) && IPAddress.IsLoopback(address))
                foreach (var name in fields[1..].Distinct()) names.Add(name);
        }
        return names;
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("localhost")]
    [InlineData("[::ffff:127.0.0.1]")]
    [InlineData("2130706433")] // 127.0.0.1 as one decimal number
    [InlineData("0x7f.1")] // and in hex
    [InlineData("127.1")]
    public async Task Connect_NameOrLiteralReachingLoopback_RefusedBeforeAnythingIsSent(string host)
    {
        using var http = Client(allowPrivateNetworks: false);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => http.PostAsync(At(host), new StringContent("{}")));

        Assert.Contains("internal addresses", error.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, receiver.Attempts);
    }

    [Theory]
    [InlineData("[::1]")]
    [InlineData("0.0.0.0")]
    [InlineData("169.254.169.254")]
    [InlineData("[fd00:ec2::254]")]
    [InlineData("[fe80::1]")]
    [InlineData("10.255.255.1")]
    public async Task Connect_InternalLiteral_RefusedWithoutConnecting(string host)
    {
        using var http = Client(allowPrivateNetworks: false);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => http.PostAsync(new Uri($"http://{host}:9/x"), new StringContent("{}")));

        Assert.Contains("internal addresses", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(LoopbackNamesInHostsFile))]
    public async Task Connect_NameTheHostsFileSendsToLoopback_Refused(string name)
    {
        using var http = Client(allowPrivateNetworks: false);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => http.PostAsync(At(name), new StringContent("{}")));

        Assert.Contains("internal addresses", error.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, receiver.Attempts);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("localhost")]
    public async Task Connect_PrivateNetworksAllowed_Delivered(string host)
    {
        using var http = Client(allowPrivateNetworks: true);

        using var response = await http.PostAsync(At(host), new StringContent("{}"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, receiver.Attempts);
    }

    [Fact]
    public async Task RegisteredCallbackClient_UsesTheConnector()
    {
        await using var host = await IntakeHost.StartAsync(null, new Dictionary<string, string?> { ["Ticketing:AllowPrivateNetworks"] = "false" });
        using var http = host.Services.GetRequiredService<IHttpClientFactory>().CreateClient(TicketDelivery.HttpClientName);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => http.PostAsync(At("127.0.0.1"), new StringContent("{}")));

        Assert.Contains("internal addresses", error.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, receiver.Attempts);
    }
}
