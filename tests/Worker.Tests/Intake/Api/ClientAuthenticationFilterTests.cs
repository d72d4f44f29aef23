using System.Net;
using Provisioner.Contracts;
using Provisioner.Worker.Intake.Api;

namespace Provisioner.Worker.Tests.Intake.Api;

public sealed class ClientAuthenticationFilterTests
{
    private const string Token = "a-long-random-api-token-for-tests";
    private const string ReaderToken = "reader-token-for-tests";
    private const string SubmitterToken = "submitter-token-for-tests";

    private static Dictionary<string, string?> WithToken(string? token) => new() { ["Api:Token"] = token, ["Api:AllowAnonymousLoopback"] = "false" };

    private static Dictionary<string, string?> WithClients() => new()
    {
        ["Api:AllowAnonymousLoopback"] = "false",
        ["Api:Clients:reader:TokenSha256"] = ApiClientsTests.Sha256(ReaderToken),
        ["Api:Clients:reader:Tenant"] = "team-a",
        ["Api:Clients:reader:Scopes"] = "read",
        ["Api:Clients:submitter:TokenSha256"] = ApiClientsTests.Sha256(SubmitterToken),
        ["Api:Clients:submitter:Tenant"] = "team-a",
        ["Api:Clients:submitter:Scopes"] = "submit",
    };

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
        Assert.Empty(host.Published.Of<ProvisionEnvironment>());
    }

    [Fact]
    public async Task Request_ApiToken_ServedAsAdminOfTheDefaultTenant()
    {
        await using var host = await ApiTestHost.StartAsync(WithToken(Token));

        using var response = await host.Http.SendAsync(HttpMethod.Post, "/environments", IntakeJson.Request(IntakeJson.Environment()), Token);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var command = await host.Published.WaitForAsync<ProvisionEnvironment>();
        Assert.Equal(new Caller(ApiClients.TokenClientName, "default", true), command.Caller);
    }

    [Fact]
    public async Task Request_ClientToken_CommandCarriesTheClientAndItsTenant()
    {
        await using var host = await ApiTestHost.StartAsync(WithClients());

        using var response = await host.Http.SendAsync(HttpMethod.Post, "/environments", IntakeJson.Request(IntakeJson.Environment()), SubmitterToken);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(new Caller("submitter", "team-a", false), (await host.Published.WaitForAsync<ProvisionEnvironment>()).Caller);
    }

    [Theory]
    [InlineData("POST", "/environments", "submit")]
    [InlineData("DELETE", "/environments/some-env", "deprovision")]
    [InlineData("POST", "/environments/some-env/rotate-key", "rotate")]
    public async Task Request_ClientWithoutTheScope_403NamingItAndNothingPublished(string method, string path, string scope)
    {
        await using var host = await ApiTestHost.StartAsync(WithClients());

        using var response = await host.Http.SendAsync(new HttpMethod(method), path, method == "POST" && scope == "submit"
            ? IntakeJson.Request(IntakeJson.Environment()) : null, ReaderToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal($"the client 'reader' lacks the scope '{scope}'", (await response.JsonAsync()).GetProperty("detail").GetString());
        Assert.Empty(host.Published.Messages);
    }

    [Theory]
    [InlineData(ReaderToken)]
    [InlineData(SubmitterToken)]
    public async Task PostPlans_ReadOrSubmitScope_Served(string token)
    {
        await using var host = await ApiTestHost.StartAsync(WithClients());

        using var response = await host.Http.SendAsync(HttpMethod.Post, "/plans", IntakeJson.Request(IntakeJson.Environment()), token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task GetEnvironments_SubmitOnly_403NamingRead()
    {
        await using var host = await ApiTestHost.StartAsync(WithClients());

        using var response = await host.Http.SendAsync(HttpMethod.Get, "/environments", token: SubmitterToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("'read'", (await response.JsonAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
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
    public async Task Request_NoTokenConfiguredLoopbackBind_401UnlessAnonymousLoopbackIsAllowed()
    {
        await using var host = await ApiTestHost.StartAsync(WithToken(""));

        using var response = await host.Http.SendAsync(HttpMethod.Get, "/environments");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Request_AnonymousLoopbackAllowedLoopbackBind_ServedAsTheOperator()
    {
        await using var host = await ApiTestHost.StartAsync(new Dictionary<string, string?> { ["Api:AllowAnonymousLoopback"] = "true" });

        using var response = await host.Http.SendAsync(HttpMethod.Post, "/environments", IntakeJson.Request(IntakeJson.Environment()));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(ApiClient.AnonymousLoopback.Caller, (await host.Published.WaitForAsync<ProvisionEnvironment>()).Caller);
    }

    [Fact]
    public async Task Request_AnonymousLoopbackAllowedAllInterfacesBind_401EvenOverLoopback()
    {
        await using var host = await ApiTestHost.StartAsync(new Dictionary<string, string?> { ["Api:AllowAnonymousLoopback"] = "true" },
            bind: "http://0.0.0.0:0");

        using var response = await host.Http.SendAsync(HttpMethod.Get, "/environments");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
