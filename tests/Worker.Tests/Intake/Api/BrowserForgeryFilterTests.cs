using System.Net;
using Provisioner.Contracts;

namespace Provisioner.Worker.Tests.Intake.Api;

/// <summary>What well-behaved clients send still gets in; the forged shapes are in <c>Security/ApiCorpusTests</c>.</summary>
public sealed class BrowserForgeryFilterTests : IAsyncLifetime
{
    private ApiTestHost host = null!;

    public async Task InitializeAsync() =>
        host = await ApiTestHost.StartAsync(new Dictionary<string, string?> { ["Api:AllowedOrigins"] = "https://console.example.com, http://localhost:3000" });

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("Application/JSON")]
    public async Task Post_JsonContentType_Served(string contentType)
    {
        using var response = await host.Http.SendAsync(HttpMethod.Post, "/environments", IntakeJson.Request(IntakeJson.Environment()),
            contentType: contentType);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public async Task Get_NoContentType_Served()
    {
        using var response = await host.Http.SendAsync(HttpMethod.Get, "/environments", contentType: null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("https://console.example.com")]
    [InlineData("HTTP://LOCALHOST:3000")]
    public async Task Request_AllowedOrigin_Served(string origin)
    {
        using var response = await host.Http.SendAsync(HttpMethod.Post, "/environments", IntakeJson.Request(IntakeJson.Environment()),
            headers: new Dictionary<string, string> { ["Origin"] = origin });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await host.Published.WaitForAsync<ProvisionEnvironment>();
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("127.0.0.1")]
    [InlineData("[::1]")]
    public async Task Request_LoopbackHostHeader_ServedWhenAllowedHostsIsNotSet(string hostName)
    {
        using var response = await host.Http.SendAsync(HttpMethod.Get, "/environments",
            headers: new Dictionary<string, string> { ["Host"] = $"{hostName}:{host.Http.BaseAddress!.Port}" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Request_AllowedHostsSet_ThatHostServedLoopbackNamesNot()
    {
        await using var behindProxy = await ApiTestHost.StartAsync(new Dictionary<string, string?> { ["AllowedHosts"] = "provisioner.example.com" });

        using var named = await behindProxy.Http.SendAsync(HttpMethod.Get, "/healthz",
            headers: new Dictionary<string, string> { ["Host"] = "provisioner.example.com" });
        using var loopback = await behindProxy.Http.SendAsync(HttpMethod.Get, "/healthz");

        Assert.Equal(HttpStatusCode.OK, named.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, loopback.StatusCode);
    }
}
