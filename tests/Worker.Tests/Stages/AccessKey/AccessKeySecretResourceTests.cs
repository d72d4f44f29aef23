using System.Text.Json.Nodes;
using Provisioner.Worker.Kubernetes;
using Provisioner.Worker.Stages;
using Provisioner.Worker.Stages.AccessKey;
using Provisioner.Worker.Stages.ServiceAccount;
using Provisioner.Worker.Tests.Infrastructure;

namespace Provisioner.Worker.Tests.Stages.AccessKey;

[Collection("moto")]
public sealed class AccessKeySecretResourceTests(MotoServer moto)
{
    [Fact]
    public async Task EnsureAsync_Missing_CreatesOneKeyAndSecretLabelledAsOurs()
    {
        await using var scene = await AccessKeyScene.StartAsync(moto, "akey");

        Assert.Equal(Reconciler.Created, await scene.EnsureKeyAsync());

        var keys = await scene.KeyIdsAsync();
        Assert.Single(keys);
        Assert.Equal(keys[0], scene.SecretValue(AccessKeyPlan.AccessKeyIdKey));
        Assert.False(string.IsNullOrEmpty(scene.SecretValue(AccessKeyPlan.SecretAccessKeyKey)));
        Assert.Equal(scene.Plan.Region, scene.SecretValue(AccessKeyPlan.RegionKey));
        var secret = scene.K8s.StandIn.Find("secrets", scene.KeyPlan.Namespace, scene.KeyPlan.SecretName)!;
        var labels = secret["metadata"]!["labels"]!.AsObject().ToDictionary(l => l.Key, l => l.Value!.GetValue<string>());
        Assert.True(KubernetesLabels.IsOwnedBy(labels, scene.Plan.Environment));
        Assert.DoesNotContain(scene.Log.Lines, l => l.Contains(scene.SecretValue(AccessKeyPlan.SecretAccessKeyKey)!, StringComparison.Ordinal));
    }

    [Fact]
    public async Task EnsureAsync_Twice_SecondIsUnchangedAndKeepsTheOneKey()
    {
        await using var scene = await AccessKeyScene.StartAsync(moto, "akey");
        await scene.EnsureKeyAsync();
        var first = await scene.KeyIdsAsync();

        Assert.Equal(Reconciler.Unchanged, await scene.EnsureKeyAsync());

        Assert.Equal(first, await scene.KeyIdsAsync());
    }

    [Fact]
    public async Task EnsureAsync_TwoUnstoredKeysFromCrashes_EndsWithExactlyTheStoredKey()
    {
        await using var scene = await AccessKeyScene.StartAsync(moto, "akey");
        // Two crashes between CreateAccessKey and the Secret write: the user is at IAM's limit of two keys.
        await scene.Aws.Iam.Users.CreateAccessKeyAsync(scene.KeyPlan.UserName, scene.Ct);
        await scene.Aws.Iam.Users.CreateAccessKeyAsync(scene.KeyPlan.UserName, scene.Ct);

        Assert.Equal(Reconciler.Created, await scene.EnsureKeyAsync());

        Assert.Equal([scene.SecretValue(AccessKeyPlan.AccessKeyIdKey)!], await scene.KeyIdsAsync());
    }

    [Fact]
    public async Task EnsureAsync_SecretWriteFails_DeletesTheNewKeyAndRetryEndsWithOneKey()
    {
        await using var scene = await AccessKeyScene.StartAsync(moto, "akey");
        using var factory = new KubernetesClientFactory(() => new k8s.Kubernetes(
            new k8s.KubernetesClientConfiguration { Host = scene.K8s.StandIn.Url.ToString() }, new RefusingSecretWrites()));
        var refused = new AccessKeySecretResource(scene.Aws.Iam, new KubernetesCalls(factory, KubernetesHarness.FastRetry),
            new CapturingLogger<AccessKeySecretResource>());

        var error = await Assert.ThrowsAsync<KubernetesApiException>(() =>
            TestReconciler.EnsureAsync(refused, scene.KeyPlan, "access-key", scene.KeyPlan.SecretName, scene.Plan.Environment, scene.Ct));
        Assert.Equal(KubernetesErrorKind.Terminal, error.Kind);
        Assert.Empty(await scene.KeyIdsAsync());

        Assert.Equal(Reconciler.Created, await scene.EnsureKeyAsync());
        Assert.Equal([scene.SecretValue(AccessKeyPlan.AccessKeyIdKey)!], await scene.KeyIdsAsync());
    }

    [Fact]
    public async Task EnsureAsync_SecretHoldsADeletedKey_ReplacesKeyAndSecretWithOneNewKey()
    {
        await using var scene = await AccessKeyScene.StartAsync(moto, "akey");
        await scene.EnsureKeyAsync();
        var old = (await scene.KeyIdsAsync())[0];
        await scene.Aws.Iam.Users.DeleteAccessKeyAsync(scene.KeyPlan.UserName, old, scene.Ct);

        Assert.Equal(Reconciler.Updated, await scene.EnsureKeyAsync());

        var keys = await scene.KeyIdsAsync();
        Assert.Single(keys);
        Assert.NotEqual(old, keys[0]);
        Assert.Equal(keys[0], scene.SecretValue(AccessKeyPlan.AccessKeyIdKey));
    }

    [Fact]
    public async Task EnsureAsync_ForeignSecret_ThrowsConflictAndLeavesNoKey()
    {
        await using var scene = await AccessKeyScene.StartAsync(moto, "akey");
        scene.K8s.StandIn.Seed("namespaces", "", new() { ["metadata"] = new System.Text.Json.Nodes.JsonObject { ["name"] = scene.KeyPlan.Namespace } });
        scene.K8s.StandIn.Seed("secrets", scene.KeyPlan.Namespace,
            new() { ["metadata"] = new System.Text.Json.Nodes.JsonObject { ["name"] = scene.KeyPlan.SecretName } });

        await Assert.ThrowsAsync<ResourceConflictException>(scene.EnsureKeyAsync);

        Assert.Empty(await scene.KeyIdsAsync());
    }

    [Fact]
    public async Task RemoveAsync_Present_DeletesSecretEveryKeyAndTheNamespace()
    {
        await using var scene = await AccessKeyScene.StartAsync(moto, "akey");
        await scene.EnsureKeyAsync();
        await scene.Aws.Iam.Users.CreateAccessKeyAsync(scene.KeyPlan.UserName, scene.Ct);

        var (action, _) = await TestReconciler.RemoveAsync(scene.Key, scene.KeyPlan, scene.Plan.Environment, scene.Plan.RunId, scene.Ct);

        Assert.Equal(Reconciler.Deleted, action);
        Assert.Null(scene.K8s.StandIn.Find("secrets", scene.KeyPlan.Namespace, scene.KeyPlan.SecretName));
        Assert.Empty(await scene.KeyIdsAsync());
        Assert.Null(scene.K8s.StandIn.Find("namespaces", "", scene.KeyPlan.Namespace));
    }

    [Theory]
    [InlineData(false, "namespace {ns} retained: it holds PersistentVolumeClaims (data-etcd-0)")]
    [InlineData(true, "namespace {ns} deleted")]
    public async Task DeprovisionAsync_NamespaceHoldsReleaseClaims_KeptUnlessDeleteData(bool deleteData, string expected)
    {
        await using var scene = await AccessKeyScene.StartAsync(moto, "akey");
        var plan = scene.KeyPlan with { Release = "milvus-a" };
        await TestReconciler.EnsureAsync(scene.Key, plan, "access key", plan.SecretName, scene.Plan.Environment, scene.Ct);
        scene.K8s.StandIn.Seed("persistentvolumeclaims", plan.Namespace, new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = "data-etcd-0", ["labels"] = new JsonObject { ["app.kubernetes.io/instance"] = "milvus-a" } },
            ["spec"] = new JsonObject { ["accessModes"] = new JsonArray("ReadWriteOnce") },
        });

        var (action, detail) = await TestReconciler.DeprovisionAsync(scene.Key, plan, scene.Plan.Environment, deleteData, scene.Ct);

        Assert.Equal((deleteData ? Reconciler.Deleted : Reconciler.Retained, expected.Replace("{ns}", plan.Namespace, StringComparison.Ordinal)),
            (action, detail));
        Assert.Null(scene.K8s.StandIn.Find("secrets", plan.Namespace, plan.SecretName));
        Assert.Empty(await scene.KeyIdsAsync());
        Assert.Equal(deleteData, scene.K8s.StandIn.Find("persistentvolumeclaims", plan.Namespace, "data-etcd-0") is null);
    }
}
