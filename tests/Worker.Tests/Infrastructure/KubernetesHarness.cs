using k8s;
using Provisioner.Contracts;
using Provisioner.Worker.Common;
using Provisioner.Worker.Kubernetes;
using Provisioner.Worker.Planning;
using Provisioner.Worker.Stages.ServiceAccount;
using Provisioner.Worker.Tests.Stages;

namespace Provisioner.Worker.Tests.Infrastructure;

/// <summary>
/// The Kubernetes pieces wired as the host wires them, against a fresh stand-in, plus a raw client for looking (or
/// changing things) behind their back. Retries are fast but bounded as in production.
/// </summary>
internal sealed class KubernetesHarness : IAsyncDisposable
{
    public static readonly BoundedRetry FastRetry = new(4, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(10));

    private readonly CancellationTokenSource timeout = new(TimeSpan.FromSeconds(30));
    private readonly KubernetesClientFactory factory;

    private KubernetesHarness(KubernetesStandIn standIn)
    {
        StandIn = standIn;
        factory = new KubernetesClientFactory(() => standIn.CreateClient());
        Calls = new KubernetesCalls(factory, FastRetry);
        Raw = standIn.CreateClient();
        Resource = new KubernetesServiceAccountResource(Calls, ResourceLog);
        Discovery = new OidcIssuerDiscovery(Calls, new CapturingLogger<OidcIssuerDiscovery>());
        Tokens = new ServiceAccountTokens(Calls, TokenLog);
    }

    public KubernetesStandIn StandIn { get; }

    public KubernetesCalls Calls { get; }

    public IKubernetes Raw { get; }

    public CapturingLogger<KubernetesServiceAccountResource> ResourceLog { get; } = new();

    public CapturingLogger<ServiceAccountTokens> TokenLog { get; } = new();

    public KubernetesServiceAccountResource Resource { get; }

    public OidcIssuerDiscovery Discovery { get; }

    public ServiceAccountTokens Tokens { get; }

    public CancellationToken Ct => timeout.Token;

    public static async Task<KubernetesHarness> StartAsync() => new(await KubernetesStandIn.StartAsync());

    /// <summary>A ServiceAccount plan as the planner makes it from a validated request.</summary>
    public static ServiceAccountPlan Plan(string environment, string? ns = null, string sa = "milvus-s3-access-sa",
        bool adopt = false, Guid? requestId = null)
    {
        var request = TestEnvironments.Request(environment);
        request = request with
        {
            Kubernetes = request.Kubernetes with { Namespace = ns ?? environment, ServiceAccount = sa, Manage = true, AdoptServiceAccount = adopt },
        };
        return TestEnvironments.Plan(request, requestId ?? Guid.NewGuid()).ServiceAccount;
    }

    public static string EnvironmentOf(ServiceAccountPlan plan) => plan.Labels[OwnershipTags.Environment];

    public Task<string> EnsureAsync(ServiceAccountPlan plan) => TestReconciler.EnsureAsync(Resource, plan, StageNames.ServiceAccount,
        $"{plan.Namespace}/{plan.Name}", EnvironmentOf(plan), Ct);

    public Task<(string Action, string? Detail)> RemoveAsync(ServiceAccountPlan plan, Guid? onlyCreatedBy) =>
        TestReconciler.RemoveAsync(Resource, plan, EnvironmentOf(plan), onlyCreatedBy, Ct);

    public async ValueTask DisposeAsync()
    {
        Raw.Dispose();
        factory.Dispose();
        timeout.Dispose();
        await StandIn.DisposeAsync();
    }
}
