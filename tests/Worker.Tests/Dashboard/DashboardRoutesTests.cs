using System.Net;
using Provisioner.Worker.Dashboard;
using Provisioner.Worker.Tests.Intake;
using Provisioner.Worker.Tests.Intake.Api;

namespace Provisioner.Worker.Tests.Dashboard;

/// <summary>The dashboard served by the worker: who may see which page, the sign-in cookie and what it can never do, encoding.</summary>
public sealed class DashboardRoutesTests
{
    private const string TeamA = "team-a-token";
    private const string TeamB = "team-b-token";
    private const string Submitter = "team-a-submitter";

    private static readonly Dictionary<string, string?> Clients = new()
    {
        ["Api:AllowAnonymousLoopback"] = "false",
        ["Api:Clients:a:TokenSha256"] = ApiClientsTests.Sha256(TeamA),
        ["Api:Clients:a:Tenant"] = "team-a",
        ["Api:Clients:a:Scopes"] = "read",
        ["Api:Clients:b:TokenSha256"] = ApiClientsTests.Sha256(TeamB),
        ["Api:Clients:b:Tenant"] = "team-b",
        ["Api:Clients:b:Scopes"] = "read",
        ["Api:Clients:submit:TokenSha256"] = ApiClientsTests.Sha256(Submitter),
        ["Api:Clients:submit:Tenant"] = "team-a",
        ["Api:Clients:submit:Scopes"] = "submit,read,deprovision,rotate",
    };

    [Fact]
    public async Task Ui_WithoutCredentials_RedirectsToSignIn()
    {
        await using var host = await ApiTestHost.StartAsync(Clients);
        using var http = Browser(host);

        using var response = await http.SendAsync(HttpMethod.Get, "/ui");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/ui/sign-in", response.Headers.Location?.ToString());
    }

    [Fact]
    public async Task SignIn_ValidToken_SetsStrictHttpOnlyCookieThatServesThePages()
    {
        await using var host = await ApiTestHost.StartAsync(Clients);
        using var http = Browser(host);

        using var signIn = await SignInAsync(http, TeamA);
        var cookie = Assert.Single(signIn.Headers.GetValues("Set-Cookie"));
        using var page = await http.SendAsync(HttpMethod.Get, "/ui", headers: Cookie(cookie));

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/ui", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("team-a", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_UnknownTokenOrForeignOrigin_IsRefusedWithoutCookie()
    {
        await using var host = await ApiTestHost.StartAsync(Clients);
        using var http = Browser(host);

        using var wrong = await SignInAsync(http, "not-a-token");
        using var foreign = await SignInAsync(http, TeamA, origin: "https://evil.example");

        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        Assert.False(wrong.Headers.Contains("Set-Cookie"));
        Assert.False(foreign.Headers.Contains("Set-Cookie"));
    }

    [Theory]
    [InlineData("POST", "/environments")]
    [InlineData("DELETE", "/environments/env-cookie")]
    [InlineData("POST", "/environments/env-cookie/rotate-key")]
    [InlineData("POST", "/plans")]
    public async Task MutatingRoute_WithOnlyTheSignInCookie_IsRefused(string method, string path)
    {
        await using var host = await ApiTestHost.StartAsync(Clients);
        using var http = Browser(host);
        using var signIn = await SignInAsync(http, Submitter);
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single();

        using var response = await http.SendAsync(new HttpMethod(method), path, IntakeJson.Request("env-cookie"), headers: Cookie(cookie));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(host.Published.Messages);
    }

    [Fact]
    public async Task Ui_AnotherTenantsEnvironment_IsNeitherListedNorShown()
    {
        await using var host = await ApiTestHost.StartAsync(Clients);
        using var http = Browser(host);
        var environment = IntakeJson.Environment();
        using var submitted = await http.SendAsync(HttpMethod.Post, "/environments", IntakeJson.Request(environment), token: Submitter);
        await http.SettledAsync(submitted.Headers.Location!.ToString(), Submitter);

        var ownList = await PageAsync(http, "/ui", TeamA);
        var otherList = await PageAsync(http, "/ui", TeamB);
        using var other = await http.SendAsync(HttpMethod.Get, $"/ui/environments/{environment}", token: TeamB);
        var own = await PageAsync(http, $"/ui/environments/{environment}", TeamA);

        Assert.Contains(environment, ownList, StringComparison.Ordinal);
        Assert.DoesNotContain(environment, otherList, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Contains("provisioned", own, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ui_HostileFailureReason_IsEncodedUnderAStrictPolicy()
    {
        await using var host = await ApiTestHost.StartAsync();
        using var http = Browser(host);
        host.Role.FailCreate = new InvalidOperationException("<script>alert(1)</script><img src=x onerror=alert(2)>");
        var environment = IntakeJson.Environment();
        Assert.Equal("rolled-back", await http.ProvisionAsync(environment));

        using var response = await http.SendAsync(HttpMethod.Get, $"/ui/environments/{environment}");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(DashboardHtml.ContentSecurityPolicy, response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.DoesNotContain("unsafe", DashboardHtml.ContentSecurityPolicy, StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> SignInAsync(HttpClient http, string token, string? origin = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/ui/sign-in", UriKind.Relative))
        {
            Content = new FormUrlEncodedContent([new("token", token)]),
        };
        request.Headers.Add("Origin", origin ?? http.BaseAddress!.GetLeftPart(UriPartial.Authority));
        return await http.SendAsync(request);
    }

    /// <summary>As a browser's first request: no redirect followed, no cookie kept but the one a test sends.</summary>
    private static HttpClient Browser(ApiTestHost host) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = host.Http.BaseAddress, Timeout = TimeSpan.FromSeconds(20) };

    private static Dictionary<string, string> Cookie(string setCookie) => new() { ["Cookie"] = setCookie.Split(';')[0] };

    private static async Task<string> PageAsync(HttpClient http, string path, string token)
    {
        using var response = await http.SendAsync(HttpMethod.Get, path, token: token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }
}
