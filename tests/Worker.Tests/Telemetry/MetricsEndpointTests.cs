using System.Net;
using Provisioner.Worker.Telemetry;
using Provisioner.Worker.Tests.Intake.Api;

namespace Provisioner.Worker.Tests.Telemetry;

/// <summary><c>/metrics</c> is a client route: a token with the <c>metrics</c> scope, unless the operator opens it.</summary>
public sealed class MetricsEndpointTests
{
    private const string ScraperToken = "scraper-token-for-tests";
    private const string ReaderToken = "reader-token-for-tests";

    private static Dictionary<string, string?> Clients(bool anonymousMetrics = false) => new()
    {
        ["Api:AllowAnonymousLoopback"] = "false",
        ["Api:Clients:scraper:TokenSha256"] = ApiClientsTests.Sha256(ScraperToken),
        ["Api:Clients:scraper:Tenant"] = "monitoring",
        ["Api:Clients:scraper:Scopes"] = "metrics",
        ["Api:Clients:reader:TokenSha256"] = ApiClientsTests.Sha256(ReaderToken),
        ["Api:Clients:reader:Tenant"] = "team-a",
        ["Api:Clients:reader:Scopes"] = "read",
        ["Telemetry:AnonymousMetrics"] = anonymousMetrics ? "true" : "false",
    };

    [Fact]
    public async Task Metrics_NoToken_401()
    {
        await using var host = await ApiTestHost.StartAsync(Clients(), telemetry: true);

        using var response = await host.Http.SendAsync(HttpMethod.Get, MetricsEndpoint.Path);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain("provisioner_", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_ClientWithoutMetricsScope_403()
    {
        await using var host = await ApiTestHost.StartAsync(Clients(), telemetry: true);

        using var response = await host.Http.SendAsync(HttpMethod.Get, MetricsEndpoint.Path, token: ReaderToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Metrics_MetricsScope_200PrometheusText()
    {
        await using var host = await ApiTestHost.StartAsync(Clients(), telemetry: true);

        using var response = await host.Http.SendAsync(HttpMethod.Get, MetricsEndpoint.Path, token: ScraperToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("# TYPE ", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_AnonymousMetricsOn_200WithoutToken()
    {
        await using var host = await ApiTestHost.StartAsync(Clients(anonymousMetrics: true), telemetry: true);

        using var response = await host.Http.SendAsync(HttpMethod.Get, MetricsEndpoint.Path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
