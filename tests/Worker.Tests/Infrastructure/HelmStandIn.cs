using System.Text.Json.Nodes;
using Provisioner.Worker.Helm;

namespace Provisioner.Worker.Tests.Infrastructure;

/// <summary>
/// A Kubernetes stand-in for the real helm binaries: the namespaces a release goes into, a private kubeconfig (0600,
/// as helm wants it) pointing at the stand-in, <see cref="HelmOptions"/> per major version, and looks at what helm
/// left behind (its release Secrets, the workloads it applied).
/// </summary>
internal sealed class HelmStandIn : IAsyncDisposable
{
    private readonly TestKubeconfig kubeconfig;

    private HelmStandIn(KubernetesStandIn cluster)
    {
        Cluster = cluster;
        kubeconfig = new TestKubeconfig(cluster.Url.ToString().TrimEnd('/'));
    }

    public KubernetesStandIn Cluster { get; }

    public string Kubeconfig => kubeconfig.Path;

    public static async Task<HelmStandIn> StartAsync(params string[] namespaces)
    {
        var cluster = await KubernetesStandIn.StartAsync();
        foreach (var ns in namespaces) cluster.Seed("namespaces", "", new JsonObject { ["metadata"] = new JsonObject { ["name"] = ns } });
        return new HelmStandIn(cluster);
    }

    public HelmOptions Options(int major, TimeSpan? timeout = null) => new()
    {
        Binary = HelmBinaries.Require(major),
        Kubeconfig = kubeconfig.Path,
        Timeout = timeout ?? TimeSpan.FromSeconds(60),
    };

    /// <summary>Helm's records of a release: one Secret per revision, labelled <c>owner=helm,name=RELEASE</c>.</summary>
    public IReadOnlyList<string> ReleaseSecrets(string ns, string release) =>
        Cluster.Store.List("secrets", ns, $"owner=helm,name={release}").Body["items"]!.AsArray()
            .Select(s => s!["metadata"]!["name"]!.GetValue<string>()).ToList();

    /// <summary>The chart's values as the live ConfigMap renders them (the stub chart's <c>default.yaml</c>).</summary>
    public string? RenderedConfig(string ns, string release) => Cluster.Find("configmaps", ns, $"{release}-milvus")?["data"]?["default.yaml"]?.GetValue<string>();

    public IEnumerable<string> Images(string ns, string deployment) =>
        (Cluster.Find("deployments", ns, deployment)?["spec"]?["template"]?["spec"]?["containers"]?.AsArray() ?? [])
            .Select(c => c!["image"]!.GetValue<string>());

    public async ValueTask DisposeAsync()
    {
        kubeconfig.Dispose();
        await Cluster.DisposeAsync();
    }
}
