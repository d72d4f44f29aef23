using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Provisioner.Worker.Tests.Infrastructure;

/// <summary>Discovery as KubernetesClient (and so the worker's namespace check) reads it from the stand-in.</summary>
public sealed class StandInDiscoveryTests : IAsyncLifetime
{
    private KubernetesStandIn standIn = null!;
    private IKubernetes client = null!;

    public async Task InitializeAsync()
    {
        standIn = await KubernetesStandIn.StartAsync();
        client = standIn.CreateClient();
    }

    public async Task DisposeAsync()
    {
        client.Dispose();
        await standIn.DisposeAsync();
    }

    [Theory]
    [InlineData("configmaps", true, "create,delete,deletecollection,get,list,patch,update,watch")]
    [InlineData("namespaces", false, "create,delete,get,list,patch,update,watch")]
    [InlineData("serviceaccounts/token", true, "create")]
    [InlineData("persistentvolumeclaims/status", true, "get,patch,update")]
    public async Task CoreV1_Resource_NamespacedAndVerbsAsKubeApiserver(string name, bool namespaced, string verbs)
    {
        var resources = await client.CoreV1.GetAPIResourcesAsync();

        var resource = resources.Resources.Single(r => r.Name == name);
        Assert.Equal((namespaced, verbs), (resource.Namespaced, string.Join(',', resource.Verbs)));
    }

    [Fact]
    public async Task CustomResource_Served_ListedUnderItsGroupAndStored()
    {
        standIn.ServeCustomResource("example.com", "v1", "widgets", "Widget");
        standIn.Seed("namespaces", "", new JsonObject { ["metadata"] = new JsonObject { ["name"] = "crd" } });

        await client.CustomObjects.CreateNamespacedCustomObjectAsync(new JsonObject
        {
            ["apiVersion"] = "example.com/v1", ["kind"] = "Widget", ["metadata"] = new JsonObject { ["name"] = "w" },
        }, "example.com", "v1", "crd", "widgets");

        var groups = await client.Apis.GetAPIVersionsAsync();
        Assert.Contains(groups.Groups, g => g.Name == "example.com" && g.PreferredVersion.GroupVersion == "example.com/v1");
        Assert.Equal(["widgets"], (await client.CustomObjects.GetAPIResourcesAsync("example.com", "v1")).Resources.Select(r => r.Name));
        var listed = await client.CustomObjects.ListNamespacedCustomObjectAsync<JsonObject>("example.com", "v1", "crd", "widgets");
        Assert.Equal("w", listed["items"]![0]!["metadata"]!["name"]!.GetValue<string>());
        var strategic = await Assert.ThrowsAsync<HttpOperationException>(() => client.CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch("{}", V1Patch.PatchType.StrategicMergePatch), "example.com", "v1", "crd", "widgets", "w"));
        Assert.Equal(415, (int)strategic.Response.StatusCode);
    }

    [Fact]
    public async Task GroupVersion_Unavailable_Answers503WhileStillListedInApis()
    {
        standIn.ServeCustomResource("metrics.k8s.io", "v1beta1", "pods", "PodMetrics");
        standIn.Discovery.Unavailable("metrics.k8s.io/v1beta1");

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => client.CustomObjects.GetAPIResourcesAsync("metrics.k8s.io", "v1beta1"));

        Assert.Equal(503, (int)error.Response.StatusCode);
        Assert.Contains((await client.Apis.GetAPIVersionsAsync()).Groups, g => g.Name == "metrics.k8s.io");
    }
}
