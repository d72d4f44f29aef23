using k8s;
using Microsoft.Extensions.Options;
using Provisioner.Worker.Kubernetes;
using Provisioner.Worker.Planning;
using Provisioner.Worker.Stages;
using Provisioner.Worker.Stages.ServiceAccount;
using Provisioner.Worker.Tests.Infrastructure;
using Provisioner.Worker.Tests.Stages;

namespace Provisioner.Worker.Tests.Kubernetes;

/// <summary>The same code against a real API server (opt-in, see <see cref="RealClusterFactAttribute"/>); it cleans up after itself.</summary>
public sealed class RealClusterTests : IDisposable
{
    private readonly KubernetesClientFactory factory = new(Options.Create(new KubernetesOptions()));
    private readonly CancellationTokenSource timeout = new(TimeSpan.FromMinutes(3));

    private KubernetesCalls Calls => new(factory, KubernetesRegistration.Retry(new KubernetesOptions()));

    public void Dispose()
    {
        factory.Dispose();
        timeout.Dispose();
    }

    [RealClusterFact]
    public async Task DiscoverAsync_RealCluster_ReturnsHttpsIssuer()
    {
        var issuer = await new OidcIssuerDiscovery(Calls, new CapturingLogger<OidcIssuerDiscovery>()).DiscoverAsync(timeout.Token);

        Assert.StartsWith("https://", issuer, StringComparison.Ordinal);
    }

    [RealClusterFact]
    public async Task EnsureTokenRemove_RealCluster_CreatesUsesAndRemovesAccountAndNamespace()
    {
        var plan = KubernetesHarness.Plan(TestEnvironments.NewName("real"), ns: $"provisioner-test-{Guid.NewGuid():N}"[..30]);
        var environment = KubernetesHarness.EnvironmentOf(plan);
        var resource = new KubernetesServiceAccountResource(Calls, new CapturingLogger<KubernetesServiceAccountResource>());
        try
        {
            Assert.Equal(Reconciler.Created, await TestReconciler.EnsureAsync(resource, plan, "service-account", plan.Name, environment, timeout.Token));
            Assert.Equal(Reconciler.Unchanged, await TestReconciler.EnsureAsync(resource, plan, "service-account", plan.Name, environment, timeout.Token));

            var token = await new ServiceAccountTokens(Calls, new CapturingLogger<ServiceAccountTokens>())
                .RequestAsync(plan.Namespace, plan.Name, "sts.amazonaws.com", 600, timeout.Token);
            Assert.Equal(3, token.Split('.').Length);

            var removed = await TestReconciler.RemoveAsync(resource, plan, environment, Guid.Parse(plan.Labels[OwnershipTags.RunId]), timeout.Token);
            Assert.Equal((Reconciler.Deleted, "created by this run"), removed);
            var ns = await Calls.ReadAsync("read namespace", (c, t) => c.CoreV1.ReadNamespaceAsync(plan.Namespace, cancellationToken: t), timeout.Token);
            Assert.True(ns is null || ns.Status?.Phase == "Terminating");
        }
        finally
        {
            await Calls.DeleteAsync("clean up", (c, t) => c.CoreV1.DeleteNamespaceAsync(plan.Namespace, cancellationToken: t), CancellationToken.None);
        }
    }
}
