using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Provisioner.Worker.Stages.MilvusRelease;
using Provisioner.Worker.Tests.Infrastructure;

namespace Provisioner.Worker.Tests.Stages.MilvusRelease;

public sealed class ReleaseWorkloadsTests
{
    [Fact]
    public async Task RollAsync_StampsThePodTemplatesOfTheReleaseOnly()
    {
        await using var k8s = await KubernetesHarness.StartAsync();
        Seed(k8s, "team-a", "deployments", "demo-milvus-standalone", "demo");
        Seed(k8s, "team-a", "statefulsets", "demo-milvus-woodpecker", "demo");
        Seed(k8s, "team-a", "deployments", "other-milvus-standalone", "other");

        var rolled = await Workloads(k8s).RollAsync("team-a", "demo", "AKIANEW", default);

        Assert.Equal(["deployment/demo-milvus-standalone", "statefulset/demo-milvus-woodpecker"], rolled);
        Assert.Equal("AKIANEW", Stamp(k8s, "deployments", "demo-milvus-standalone"));
        Assert.Equal("AKIANEW", Stamp(k8s, "statefulsets", "demo-milvus-woodpecker"));
        Assert.Null(Stamp(k8s, "deployments", "other-milvus-standalone"));
        // The rest of the pod template is left as the chart made it.
        Assert.Equal("kept", k8s.StandIn.Find("deployments", "team-a", "demo-milvus-standalone")!["spec"]!["template"]!["metadata"]!["annotations"]!["checksum/config"]!.GetValue<string>());
    }

    [Fact]
    public async Task RollAsync_SameKeyAgain_RestartsNothing()
    {
        await using var k8s = await KubernetesHarness.StartAsync();
        Seed(k8s, "team-a", "deployments", "demo-milvus-standalone", "demo");
        var workloads = Workloads(k8s);
        await workloads.RollAsync("team-a", "demo", "AKIANEW", default);
        k8s.StandIn.ClearRequests();

        var rolled = await workloads.RollAsync("team-a", "demo", "AKIANEW", default);

        Assert.Empty(rolled);
        Assert.Empty(k8s.StandIn.MutatingRequests);
    }

    [Fact]
    public async Task RollAsync_ReleaseWithoutWorkloads_RollsNothing()
    {
        await using var k8s = await KubernetesHarness.StartAsync();
        k8s.StandIn.Seed("namespaces", "", new JsonObject { ["metadata"] = new JsonObject { ["name"] = "team-a" } });

        Assert.Empty(await Workloads(k8s).RollAsync("team-a", "demo", "AKIANEW", default));
    }

    private static ReleaseWorkloads Workloads(KubernetesHarness k8s) => new(k8s.Calls, NullLogger<ReleaseWorkloads>.Instance);

    private static void Seed(KubernetesHarness k8s, string ns, string resource, string name, string release)
    {
        if (k8s.StandIn.Find("namespaces", "", ns) is null)
            k8s.StandIn.Seed("namespaces", "", new JsonObject { ["metadata"] = new JsonObject { ["name"] = ns } });
        k8s.StandIn.Seed(resource, ns, new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = name, ["labels"] = new JsonObject { [ReleaseWorkloads.InstanceLabel] = release } },
            ["spec"] = new JsonObject
            {
                ["template"] = new JsonObject { ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { ["checksum/config"] = "kept" } } },
            },
        });
    }

    private static string? Stamp(KubernetesHarness k8s, string resource, string name) =>
        k8s.StandIn.Find(resource, "team-a", name)?["spec"]?["template"]?["metadata"]?["annotations"]?[ReleaseWorkloads.AccessKeyAnnotation]?.GetValue<string>();
}
