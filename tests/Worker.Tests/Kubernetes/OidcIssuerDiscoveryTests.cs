using Provisioner.Worker.Kubernetes;
using Provisioner.Worker.Tests.Infrastructure;

namespace Provisioner.Worker.Tests.Kubernetes;

public sealed class OidcIssuerDiscoveryTests : IAsyncLifetime
{
    private KubernetesHarness harness = null!;

    public async Task InitializeAsync() => harness = await KubernetesHarness.StartAsync();

    public async Task DisposeAsync() => await harness.DisposeAsync();

    [Fact]
    public async Task DiscoverAsync_DocumentServed_ReturnsItsIssuer()
    {
        harness.StandIn.Issuer = "https://oidc.eks.eu-west-1.amazonaws.com/id/0123456789ABCDEF";

        var issuer = await harness.Discovery.DiscoverAsync(harness.Ct);

        Assert.Equal("https://oidc.eks.eu-west-1.amazonaws.com/id/0123456789ABCDEF", issuer);
        Assert.Equal(["GET /.well-known/openid-configuration"], harness.StandIn.Requests.Select(r => r.ToString()));
    }

    [Fact]
    public async Task DiscoverAsync_ApiServerRequiresToken_SendsTheClientsCredentials()
    {
        harness.StandIn.RequiredToken = "cluster-token";

        var issuer = await harness.Discovery.DiscoverAsync(harness.Ct);

        Assert.Equal(harness.StandIn.Issuer, issuer);
    }

    [Fact]
    public async Task DiscoverAsync_DocumentNotServed_ThrowsNamingTheApiServerAndTheFix()
    {
        harness.StandIn.Issuer = null;

        var error = await Assert.ThrowsAsync<OidcIssuerDiscoveryException>(() => harness.Discovery.DiscoverAsync(harness.Ct));

        Assert.Equal(harness.StandIn.Url, error.ApiServer);
        Assert.Contains("answered 404", error.Message, StringComparison.Ordinal);
        Assert.Contains("kubernetes.oidcIssuer", error.Message, StringComparison.Ordinal);
        Assert.Single(harness.StandIn.Requests);
    }

    [Fact]
    public async Task DiscoverAsync_DocumentWithoutIssuer_ThrowsDiscoveryException()
    {
        harness.StandIn.Issuer = "";

        var error = await Assert.ThrowsAsync<OidcIssuerDiscoveryException>(() => harness.Discovery.DiscoverAsync(harness.Ct));

        Assert.Contains("no issuer", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DiscoverAsync_ServerErrorsTwice_RetriesAndReturnsIssuer()
    {
        harness.StandIn.FailNext(2, 503);

        var issuer = await harness.Discovery.DiscoverAsync(harness.Ct);

        Assert.Equal(harness.StandIn.Issuer, issuer);
        Assert.Equal(3, harness.StandIn.Requests.Count);
    }
}
