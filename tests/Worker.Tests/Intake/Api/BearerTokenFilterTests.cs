using System.Net;
using Provisioner.Worker.Intake.Api;

namespace Provisioner.Worker.Tests.Intake.Api;

public sealed class BearerTokenFilterTests
{
    private const string Token = "a-long-random-api-token-for-tests";

    private static Dictionary<string, string?> WithToken(string? token) => new() { ["Api:Token"] = token };

    [Fact]
    public async Task Request_NoToken_401WithBearerChallengeAndProblemDetails()
    {
        await using var host = await ApiTestHost.StartAsync(WithToken(Token));

        using var response = await host.Http.SendAsync(HttpMethod.Get, "/environments");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("a-long-random-api-token-for-testZ")] // same length, last byte differs
    [InlineData("a")]
    [InlineData("a-long-random-api-token-for-tests-and-more")]
    public async Task Request_WrongToken_401AndNothingPublished(string presented)
    {
        await using var host = await ApiTestHost.StartAsync(WithToken(Token));

        using var response = await host.Http.SendAsync(HttpMethod.Post, "/environments", IntakeJson.Request(IntakeJson.Environment()), presented);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(host.Published.Of<Contracts.ProvisionEnvironment>());
    }

    [Fact]
    public async Task Request_RightToken_Served()
    {
        await using var host = await ApiTestHost.StartAsync(WithToken(Token));

        using var response = await host.Http.SendAsync(HttpMethod.Post, "/environments", IntakeJson.Request(IntakeJson.Environment()), Token);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Theory]
    [InlineData("/healthz")]
    [InlineData("/readyz")]
    public async Task Probe_NoToken_Served(string path)
    {
        await using var host = await ApiTestHost.StartAsync(WithToken(Token));

        using var response = await host.Http.SendAsync(HttpMethod.Get, path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Request_NoTokenConfiguredLoopbackBind_Served()
    {
        await using var host = await ApiTestHost.StartAsync(WithToken(""));

        using var response = await host.Http.SendAsync(HttpMethod.Get, "/environments");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Request_NoTokenConfiguredAllInterfacesBind_401EvenOverLoopback()
    {
        await using var host = await ApiTestHost.StartAsync(WithToken(""), bind: "http://0.0.0.0:0");

        using var response = await host.Http.SendAsync(HttpMethod.Get, "/environments");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("secret-token", "secret-token", true)]
    [InlineData("secret-tokeN", "secret-token", false)]
    [InlineData("secret", "secret-token", false)]
    [InlineData("", "secret-token", false)]
    public void Matches_PresentedToken_OnlyTheExactTokenMatches(string presented, string expected, bool matches)
    {
        Assert.Equal(matches, BearerTokenFilter.Matches(presented, expected));
    }
}
