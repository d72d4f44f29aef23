using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace Provisioner.Worker.Tests.Infrastructure;

/// <summary>The controllers helm's wait depends on: what they write is what helm 3's ready checker and kstatus read.</summary>
public sealed class StandInControllersTests : IAsyncLifetime
{
    private const string Ns = "apps";
    private KubernetesStandIn standIn = null!;
    private IKubernetes client = null!;

    public async Task InitializeAsync()
    {
        standIn = await KubernetesStandIn.StartAsync();
        client = standIn.CreateClient();
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = Ns } });
    }

    public async Task DisposeAsync()
    {
        client.Dispose();
        await standIn.DisposeAsync();
    }

    [Fact]
    public async Task CreateNamespace_Any_GetsTheDefaultAccountAndRootCaConfigMap()
    {
        Assert.NotNull(standIn.Find("serviceaccounts", Ns, "default"));
        Assert.NotNull((await client.CoreV1.ReadNamespacedConfigMapAsync("kube-root-ca.crt", Ns)).Data["ca.crt"]);
    }

    [Fact]
    public async Task CreateDeployment_PullableImage_OwnedReplicaSetAndReadyStatus()
    {
        await client.AppsV1.CreateNamespacedDeploymentAsync(Deployment("web", "busybox:1", "web"), Ns);

        var deployment = await client.AppsV1.ReadNamespacedDeploymentAsync("web", Ns);
        var replicaSet = Assert.Single((await client.AppsV1.ListNamespacedReplicaSetAsync(Ns, labelSelector: "app=web")).Items);
        Assert.Equal((1L, 1L), (deployment.Metadata.Generation!.Value, deployment.Status.ObservedGeneration!.Value));
        Assert.Equal((1, 1, 1), (deployment.Status.ReadyReplicas!.Value, deployment.Status.UpdatedReplicas!.Value, deployment.Status.AvailableReplicas!.Value));
        Assert.Contains(deployment.Status.Conditions, c => c.Type == "Available" && c.Status == "True");
        Assert.Contains(deployment.Status.Conditions, c => c.Type == "Progressing" && c.Reason == "NewReplicaSetAvailable");
        Assert.Equal(deployment.Metadata.Uid, replicaSet.Metadata.OwnerReferences.Single(o => o.Controller == true).Uid);
        Assert.Equal((1, replicaSet.Metadata.Generation), (replicaSet.Status.ReadyReplicas, replicaSet.Status.ObservedGeneration));
    }

    [Theory]
    [InlineData("registry.invalid/none:0", "web")]
    [InlineData("busybox:1", "stuck")]
    public async Task CreateDeployment_UnpullableImageOrNeverReadyRelease_NeverReady(string image, string release)
    {
        standIn.NeverReady("stuck");

        await client.AppsV1.CreateNamespacedDeploymentAsync(Deployment("web", image, release), Ns);

        var status = (await client.AppsV1.ReadNamespacedDeploymentAsync("web", Ns)).Status;
        Assert.Equal((null, 1), (status.ReadyReplicas, status.UnavailableReplicas));
        Assert.Contains(status.Conditions, c => c.Type == "Available" && c.Status == "False");
    }

    [Fact]
    public async Task PatchDeploymentTemplate_GenerationCountedAndANewReplicaSet()
    {
        await client.AppsV1.CreateNamespacedDeploymentAsync(Deployment("web", "busybox:1", "web"), Ns);
        var patch = new JsonObject { ["spec"] = new JsonObject { ["template"] = new JsonObject { ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { ["roll"] = "1" } } } } };

        await client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch(patch.ToJsonString(), V1Patch.PatchType.MergePatch), "web", Ns);

        var deployment = await client.AppsV1.ReadNamespacedDeploymentAsync("web", Ns);
        var sets = (await client.AppsV1.ListNamespacedReplicaSetAsync(Ns)).Items;
        Assert.Equal((2L, 2L), (deployment.Metadata.Generation!.Value, deployment.Status.ObservedGeneration!.Value));
        Assert.Equal([0, 1], sets.Select(s => s.Spec.Replicas!.Value).Order());
    }

    [Fact]
    public async Task DeleteDeployment_ItsReplicaSetIsGarbageCollected()
    {
        await client.AppsV1.CreateNamespacedDeploymentAsync(Deployment("web", "busybox:1", "web"), Ns);

        await client.AppsV1.DeleteNamespacedDeploymentAsync("web", Ns);

        Assert.Empty((await client.AppsV1.ListNamespacedReplicaSetAsync(Ns)).Items);
    }

    [Fact]
    public async Task CreateStatefulSet_PullableImage_ReadyAtTheCurrentRevision()
    {
        var deployment = Deployment("db", "busybox:1", "db");
        await client.AppsV1.CreateNamespacedStatefulSetAsync(new V1StatefulSet
        {
            Metadata = deployment.Metadata,
            Spec = new V1StatefulSetSpec { ServiceName = "db", Selector = deployment.Spec.Selector, Template = deployment.Spec.Template },
        }, Ns);

        var statefulSet = await client.AppsV1.ReadNamespacedStatefulSetAsync("db", Ns);

        Assert.Equal(("RollingUpdate", 1L, 1, 1), (statefulSet.Spec.UpdateStrategy.Type, statefulSet.Status.ObservedGeneration!.Value,
            statefulSet.Status.ReadyReplicas!.Value, statefulSet.Status.UpdatedReplicas!.Value));
        Assert.Equal(statefulSet.Status.UpdateRevision, statefulSet.Status.CurrentRevision);
    }

    [Fact]
    public async Task CreateClaim_Any_BoundAtOnce()
    {
        await client.CoreV1.CreateNamespacedPersistentVolumeClaimAsync(new V1PersistentVolumeClaim
        {
            Metadata = new V1ObjectMeta { Name = "data" },
            Spec = new V1PersistentVolumeClaimSpec { AccessModes = ["ReadWriteOnce"] },
        }, Ns);

        Assert.Equal("Bound", (await client.CoreV1.ReadNamespacedPersistentVolumeClaimAsync("data", Ns)).Status.Phase);
    }

    private static V1Deployment Deployment(string name, string image, string release) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, Labels = new Dictionary<string, string> { [StandInControllers.InstanceLabel] = release } },
        Spec = new V1DeploymentSpec
        {
            Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = name } },
            Template = new V1PodTemplateSpec
            {
                Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = name } },
                Spec = new V1PodSpec { Containers = [new V1Container { Name = "c", Image = image }] },
            },
        },
    };
}
