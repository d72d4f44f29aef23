using Microsoft.Extensions.Options;
using Provisioner.Worker.Kubernetes;
using Provisioner.Worker.Tests.Infrastructure;

namespace Provisioner.Worker.Tests.Kubernetes;

public sealed class KubernetesClientFactoryTests
{
    [Fact]
    public void Client_ConfigurationUnusable_ThrowsOnFirstUseOnlyAndIsNotCached()
    {
        var attempts = 0;
        using var factory = new KubernetesClientFactory(() =>
        {
            attempts++;
            throw new InvalidOperationException("no cluster");
        });

        Assert.Equal(0, attempts);
        Assert.Throws<InvalidOperationException>(() => factory.Client);
        Assert.Throws<InvalidOperationException>(() => factory.Client);
        Assert.Equal(2, attempts);
    }

    [Fact]
    public void Constructor_KubeconfigMissing_DoesNotTouchIt()
    {
        using var factory = new KubernetesClientFactory(Options.Create(new KubernetesOptions { Kubeconfig = "/nowhere/config" }));

        Assert.Throws<InvalidOperationException>(() => factory.Client);
    }

    [Fact]
    public async Task ForServer_StandIn_TalksToItOverHttp()
    {
        await using var standIn = await KubernetesStandIn.StartAsync();
        using var factory = new KubernetesClientFactory(() => KubernetesClientFactory.ForServer(standIn.Url));

        Assert.Same(factory.Client, factory.Client);
        Assert.Equal(standIn.Url, factory.Client.BaseUri);
        Assert.NotNull(await k8s.CoreV1OperationsExtensions.ListNamespaceAsync(factory.Client.CoreV1));
        Assert.Equal(["GET /api/v1/namespaces"], standIn.Requests.Select(r => r.ToString()));
    }
}
