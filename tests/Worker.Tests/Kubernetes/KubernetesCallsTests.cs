using k8s;
using Provisioner.Worker.Kubernetes;
using Provisioner.Worker.Tests.Infrastructure;

namespace Provisioner.Worker.Tests.Kubernetes;

public sealed class KubernetesCallsTests : IAsyncLifetime
{
    private KubernetesHarness harness = null!;

    public async Task InitializeAsync() => harness = await KubernetesHarness.StartAsync();

    public async Task DisposeAsync() => await harness.DisposeAsync();

    [Fact]
    public async Task ReadAsync_Missing_ReturnsNullWithoutRetrying()
    {
        var found = await harness.Calls.ReadAsync("read namespace", (c, t) => c.CoreV1.ReadNamespaceAsync("absent", cancellationToken: t), harness.Ct);

        Assert.Null(found);
        Assert.Single(harness.StandIn.Requests);
    }

    [Fact]
    public async Task DeleteAsync_Missing_ReturnsFalse()
    {
        var deleted = await harness.Calls.DeleteAsync("delete namespace", (c, t) => c.CoreV1.DeleteNamespaceAsync("absent", cancellationToken: t), harness.Ct);

        Assert.False(deleted);
    }

    [Fact]
    public async Task RunAsync_TwoServerErrors_RetriesAndReturnsTheAnswer()
    {
        harness.StandIn.FailNext(2, 500);

        var list = await harness.Calls.RunAsync("list namespaces", (c, t) => c.CoreV1.ListNamespaceAsync(cancellationToken: t), harness.Ct);

        Assert.NotNull(list.Items);
        Assert.Equal(3, harness.StandIn.Requests.Count);
    }

    [Fact]
    public async Task RunAsync_Unauthorized_ThrowsTerminalOnceWithoutTheToken()
    {
        harness.StandIn.RequiredToken = "the-real-token";
        using var factory = new KubernetesClientFactory(() => harness.StandIn.CreateClient("a-stale-token"));
        var calls = new KubernetesCalls(factory, KubernetesHarness.FastRetry);

        var error = await Assert.ThrowsAsync<KubernetesApiException>(() =>
            calls.RunAsync("list namespaces", (c, t) => c.CoreV1.ListNamespaceAsync(cancellationToken: t), harness.Ct));

        Assert.Equal((401, KubernetesErrorKind.Terminal), (error.StatusCode, error.Kind));
        Assert.Single(harness.StandIn.Requests);
        Assert.DoesNotContain("a-stale-token", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_FirstAnswerTooSlow_TimesOutAndRetries()
    {
        using var factory = new KubernetesClientFactory(() => harness.StandIn.CreateClient());
        var calls = new KubernetesCalls(factory, KubernetesHarness.FastRetry, TimeSpan.FromMilliseconds(300));
        harness.StandIn.DelayNext(1, TimeSpan.FromSeconds(5));

        var list = await calls.RunAsync("list namespaces", (c, t) => c.CoreV1.ListNamespaceAsync(cancellationToken: t), harness.Ct);

        Assert.NotNull(list.Items);
        Assert.Equal(2, harness.StandIn.Requests.Count);
    }

    [Fact]
    public async Task RunAsync_CallerCancels_StopsWithoutRetrying()
    {
        harness.StandIn.DelayNext(1, TimeSpan.FromSeconds(5));
        using var caller = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            harness.Calls.RunAsync("list namespaces", (c, t) => c.CoreV1.ListNamespaceAsync(cancellationToken: t), caller.Token));

        Assert.Single(harness.StandIn.Requests);
    }

    [Fact]
    public async Task RunAsync_ServerUnreachable_RetriesThenThrowsRetryable()
    {
        var unreachable = new Uri($"http://127.0.0.1:{FreeTcpPort.Next()}");
        using var factory = new KubernetesClientFactory(() => KubernetesClientFactory.ForServer(unreachable));
        var calls = new KubernetesCalls(factory, KubernetesHarness.FastRetry);
        var attempts = 0;

        var error = await Assert.ThrowsAnyAsync<Exception>(() => calls.RunAsync("list namespaces", (c, t) =>
        {
            attempts++;
            return c.CoreV1.ListNamespaceAsync(cancellationToken: t);
        }, harness.Ct));

        Assert.Equal(KubernetesErrorKind.Retryable, KubernetesErrors.Classify(error));
        Assert.Equal(KubernetesHarness.FastRetry.MaxAttempts, attempts);
    }
}
