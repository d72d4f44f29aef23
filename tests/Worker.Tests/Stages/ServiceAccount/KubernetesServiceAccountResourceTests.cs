using k8s;
using k8s.Models;
using Provisioner.Worker.Kubernetes;
using Provisioner.Worker.Planning;
using Provisioner.Worker.Stages;
using Provisioner.Worker.Stages.ServiceAccount;
using Provisioner.Worker.Tests.Infrastructure;

namespace Provisioner.Worker.Tests.Stages.ServiceAccount;

public sealed class KubernetesServiceAccountResourceTests : IAsyncLifetime
{
    private const string OtherRole = "arn:aws:iam::123456789012:role/someone-else";
    private KubernetesHarness harness = null!;

    public async Task InitializeAsync() => harness = await KubernetesHarness.StartAsync();

    public async Task DisposeAsync() => await harness.DisposeAsync();

    /// <summary>Start state, adopt flag, expected action (null = conflict), the mutating calls Ensure may make.</summary>
    public static TheoryData<string, bool, string?, string[]> EnsureCases => new()
    {
        { "missing", false, Reconciler.Created, ["POST /api/v1/namespaces", "POST /api/v1/namespaces/{ns}/serviceaccounts"] },
        { "namespace-only", false, Reconciler.Created, ["POST /api/v1/namespaces/{ns}/serviceaccounts"] },
        { "ours", false, Reconciler.Unchanged, [] },
        { "ours-other-role", false, Reconciler.Updated, ["PATCH /api/v1/namespaces/{ns}/serviceaccounts/{sa}"] },
        { "ours-no-annotation", false, Reconciler.Updated, ["PATCH /api/v1/namespaces/{ns}/serviceaccounts/{sa}"] },
        { "foreign", false, null, [] },
        { "foreign", true, Reconciler.Updated, ["PATCH /api/v1/namespaces/{ns}/serviceaccounts/{sa}"] },
    };

    [Theory]
    [MemberData(nameof(EnsureCases))]
    public async Task EnsureAsync_StartState_ActsOnlyWhereNeeded(string start, bool adopt, string? expected, string[] mutations)
    {
        var environment = TestEnvironments.NewName("sa");
        await ArrangeAsync(start, KubernetesHarness.Plan(environment, adopt: adopt));
        var plan = KubernetesHarness.Plan(environment, adopt: adopt);
        harness.StandIn.ClearRequests();

        if (expected is null)
        {
            var conflict = await Assert.ThrowsAsync<ResourceConflictException>(() => harness.EnsureAsync(plan));
            Assert.Equal($"{plan.Namespace}/{plan.Name}", conflict.Name);
        }
        else
        {
            Assert.Equal(expected, await harness.EnsureAsync(plan));
        }

        Assert.Equal(mutations.Select(m => m.Replace("{ns}", plan.Namespace).Replace("{sa}", plan.Name)),
            harness.StandIn.MutatingRequests.Select(r => r.ToString()));
        var account = await ReadAsync(plan);
        if (expected is null)
        {
            Assert.Equal(OtherRole, account.Metadata.Annotations[Planner.RoleArnAnnotation]);
            return;
        }
        Assert.Equal(plan.Annotations[Planner.RoleArnAnnotation], account.Metadata.Annotations[Planner.RoleArnAnnotation]);
        Assert.True(KubernetesLabels.IsOwnedBy(account.Metadata.Labels, KubernetesHarness.EnvironmentOf(plan)));
        Assert.Empty((await harness.Resource.ObserveAsync(plan, KubernetesHarness.EnvironmentOf(plan), harness.Ct)).Drift);
    }

    [Fact]
    public async Task EnsureAsync_Missing_LabelsNamespaceAndAccountExactlyAsPlanned()
    {
        var plan = KubernetesHarness.Plan(TestEnvironments.NewName("sa"));

        await harness.EnsureAsync(plan);

        var account = await ReadAsync(plan);
        var ns = await harness.Raw.CoreV1.ReadNamespaceAsync(plan.Namespace, cancellationToken: harness.Ct);
        Assert.Equal(plan.Labels.OrderBy(l => l.Key), account.Metadata.Labels.OrderBy(l => l.Key));
        Assert.Equal(plan.Annotations.OrderBy(a => a.Key), account.Metadata.Annotations.OrderBy(a => a.Key));
        Assert.Equal(plan.Labels.OrderBy(l => l.Key), ns.Metadata.Labels.OrderBy(l => l.Key));
        Assert.Equal("milvus-provisioner", account.Metadata.Labels[KubernetesLabels.ManagedBy]);
    }

    [Fact]
    public async Task EnsureAsync_ForeignAdopted_KeepsItsLabelsAddsOursButNotOurRequestId()
    {
        var plan = KubernetesHarness.Plan(TestEnvironments.NewName("sa"), adopt: true);
        await ArrangeAsync("foreign", plan);

        await harness.EnsureAsync(plan);

        var labels = (await ReadAsync(plan)).Metadata.Labels;
        Assert.Equal("platform", labels["team"]);
        Assert.False(labels.ContainsKey(OwnershipTags.RunId));
        // Compensating the adopting run gives the ServiceAccount back as it was: its own labels, its own role, none of ours.
        Assert.Equal((Reconciler.Restored, "annotations, labels restored"), await harness.RemoveAsync(plan, TestReconciler.RunOf(plan)));
        var restored = await ReadAsync(plan);
        Assert.Equal(new Dictionary<string, string> { ["team"] = "platform" }, restored.Metadata.Labels);
        Assert.Equal(OtherRole, restored.Metadata.Annotations[Planner.RoleArnAnnotation]);
    }

    [Fact]
    public async Task EnsureAsync_LaterRequestFindsDriftedAnnotation_RepairsItAndKeepsTheCreatorsRequestId()
    {
        var environment = TestEnvironments.NewName("sa");
        var first = KubernetesHarness.Plan(environment);
        await harness.EnsureAsync(first);
        await ArrangeAsync("ours-other-role", first);
        var later = KubernetesHarness.Plan(environment);

        Assert.Equal(Reconciler.Updated, await harness.EnsureAsync(later));

        var account = await ReadAsync(first);
        Assert.Equal(first.Labels[OwnershipTags.RunId], account.Metadata.Labels[OwnershipTags.RunId]);
        Assert.Equal(later.Annotations[Planner.RoleArnAnnotation], account.Metadata.Annotations[Planner.RoleArnAnnotation]);
    }

    [Fact]
    public async Task CreateAsync_AccountAppearedSinceObserve_AcceptsOursAndRefusesForeign()
    {
        var plan = KubernetesHarness.Plan(TestEnvironments.NewName("sa"));
        await harness.Resource.CreateAsync(plan, harness.Ct);

        await harness.Resource.CreateAsync(plan, harness.Ct);

        var foreign = KubernetesHarness.Plan(TestEnvironments.NewName("sa"));
        await ArrangeAsync("foreign", foreign);
        await Assert.ThrowsAsync<ResourceConflictException>(() => harness.Resource.CreateAsync(foreign, harness.Ct));
    }

    [Theory]
    [InlineData("Not_A_Name", "search")]
    [InlineData("milvus-s3-access-sa", "a-label-value-that-is-much-longer-than-sixty-three-characters-in-total")]
    public async Task EnsureAsync_ApiServerAnswers422_FailsTerminallyAtOnceAndLeavesNoNamespace(string name, string team)
    {
        var planned = KubernetesHarness.Plan(TestEnvironments.NewName("sa"));
        var labels = new Dictionary<string, string>(planned.Labels) { ["team"] = team };
        var plan = planned with { Name = name, Labels = labels };
        harness.StandIn.ClearRequests();

        var error = await Assert.ThrowsAsync<KubernetesApiException>(() => harness.EnsureAsync(plan));

        Assert.Equal((422, "Invalid", KubernetesErrorKind.Terminal), (error.StatusCode, error.Reason, error.Kind));
        Assert.All(harness.StandIn.Requests.Where(r => r.Method == "POST").GroupBy(r => r.Path), tried => Assert.Single(tried));
        Assert.Null(harness.StandIn.Find("namespaces", "", plan.Namespace));
    }

    [Theory]
    [InlineData(500)]
    [InlineData(429)]
    [InlineData(503)]
    public async Task EnsureAsync_ApiServerFailsThreeTimes_RetriesAndCreates(int status)
    {
        var plan = KubernetesHarness.Plan(TestEnvironments.NewName("sa"));
        harness.StandIn.FailNext(3, status);

        Assert.Equal(Reconciler.Created, await harness.EnsureAsync(plan));

        Assert.NotNull(harness.StandIn.Find("serviceaccounts", plan.Namespace, plan.Name));
    }

    [Fact]
    public async Task EnsureAsync_ApiServerKeepsFailing_GivesUpAfterTheAttemptLimit()
    {
        var plan = KubernetesHarness.Plan(TestEnvironments.NewName("sa"));
        harness.StandIn.FailNext(100, 500);

        var error = await Assert.ThrowsAsync<KubernetesApiException>(() => harness.EnsureAsync(plan));

        Assert.Equal(KubernetesErrorKind.Retryable, error.Kind);
        Assert.Equal(KubernetesHarness.FastRetry.MaxAttempts, harness.StandIn.Requests.Count);
    }

    [Fact]
    public async Task DeleteAsync_Missing_Succeeds()
    {
        var plan = KubernetesHarness.Plan(TestEnvironments.NewName("sa"));

        await harness.Resource.DeleteAsync(plan, harness.Ct);

        Assert.Equal((Reconciler.Absent, null), await harness.RemoveAsync(plan, null));
    }

    [Theory]
    [InlineData("nothing", true)]
    [InlineData("token-secret", true)]
    [InlineData("other-account", false)]
    [InlineData("pod", false)]
    [InlineData("opaque-secret", false)]
    public async Task RemoveAsync_CreatedByThisRequest_DeletesNamespaceOnlyWhenNothingElseLivesThere(string other, bool namespaceDeleted)
    {
        var plan = KubernetesHarness.Plan(TestEnvironments.NewName("sa"));
        await harness.EnsureAsync(plan);
        await AddAsync(other, plan.Namespace);

        var result = await harness.RemoveAsync(plan, ReadRequestId(plan));

        Assert.Equal((Reconciler.Deleted, "created by this run"), result);
        Assert.Null(harness.StandIn.Find("serviceaccounts", plan.Namespace, plan.Name));
        Assert.Equal(namespaceDeleted, harness.StandIn.Find("namespaces", "", plan.Namespace) is null);
    }

    /// <summary>What else the namespace holds, deleteData, and what deprovisioning reports (null = the namespace is deleted).</summary>
    public static TheoryData<string, bool, string?> DeprovisionCases => new()
    {
        { "nothing", false, null },
        { "token-secret", false, null },
        { "event", false, null },
        { "ours-configmap", false, null },
        { "configmap", false, "it holds ConfigMaps (other)" },
        { "deployment", false, "it holds Deployments (other)" },
        { "pod-of-a-deleted-replicaset", false, null },
        { "pod", false, "it holds Pods (other)" },
        { "custom", false, "it holds Widgets (other)" },
        { "pvc", false, "it holds PersistentVolumeClaims (data-etcd-0)" },
        { "pvc", true, null },
        { "other-release-pvc", true, "it holds PersistentVolumeClaims (other)" },
    };

    [Theory]
    [MemberData(nameof(DeprovisionCases))]
    public async Task DeprovisionAsync_NamespaceHolds_DeletedOnlyWhenNothingButOursRemains(string other, bool deleteData, string? retained)
    {
        var plan = KubernetesHarness.Plan(TestEnvironments.NewName("sa")) with { Release = ServiceAccountScenes.Release };
        await harness.EnsureAsync(plan);
        await new ServiceAccountScenes(harness).AddAsync(other, plan.Namespace, plan);

        var (action, detail) = await TestReconciler.DeprovisionAsync(harness.Resource, plan, KubernetesHarness.EnvironmentOf(plan), deleteData, harness.Ct);

        Assert.Equal(retained is null ? (Reconciler.Deleted, $"namespace {plan.Namespace} deleted") : (Reconciler.Retained, $"namespace {plan.Namespace} retained: {retained}"),
            (action, detail));
        Assert.Null(harness.StandIn.Find("serviceaccounts", plan.Namespace, plan.Name));
        Assert.Equal(retained is null, harness.StandIn.Find("namespaces", "", plan.Namespace) is null);
        if (other == "pvc" && deleteData)
            Assert.Contains(harness.StandIn.Requests, r => r.ToString() == $"DELETE /api/v1/namespaces/{plan.Namespace}/persistentvolumeclaims/data-etcd-0");
    }

    [Fact]
    public async Task DeprovisionAsync_DiscoveryFails_NamespaceKeptSayingWhy()
    {
        var plan = KubernetesHarness.Plan(TestEnvironments.NewName("sa"));
        await harness.EnsureAsync(plan);
        harness.StandIn.ServeCustomResource("metrics.k8s.io", "v1beta1", "pods", "PodMetrics");
        harness.StandIn.Discovery.Unavailable("metrics.k8s.io/v1beta1");

        var (_, detail) = await TestReconciler.DeprovisionAsync(harness.Resource, plan, KubernetesHarness.EnvironmentOf(plan), deleteData: true, harness.Ct);

        Assert.StartsWith($"namespace {plan.Namespace} retained: what it holds cannot be checked (discovery failed: ", detail);
        Assert.Contains("503", detail);
        Assert.NotNull(harness.StandIn.Find("namespaces", "", plan.Namespace));
    }

    [Fact]
    public async Task DeprovisionAsync_NamespaceNotOurs_KeptSayingWhy()
    {
        var plan = KubernetesHarness.Plan(TestEnvironments.NewName("sa"));
        await ArrangeAsync("namespace-only", plan);
        await harness.EnsureAsync(plan);

        var (_, detail) = await TestReconciler.DeprovisionAsync(harness.Resource, plan, KubernetesHarness.EnvironmentOf(plan), deleteData: true, harness.Ct);

        Assert.Equal($"namespace {plan.Namespace} retained: it is not labelled as this environment's", detail);
        Assert.NotNull(harness.StandIn.Find("namespaces", "", plan.Namespace));
    }

    [Fact]
    public async Task RemoveAsync_CompensationOfTheRunThatMadeTheNamespace_ItsReleaseClaimsGoWithIt()
    {
        var plan = KubernetesHarness.Plan(TestEnvironments.NewName("sa")) with { Release = ServiceAccountScenes.Release };
        await harness.EnsureAsync(plan);
        await new ServiceAccountScenes(harness).AddAsync("pvc", plan.Namespace);

        Assert.Equal((Reconciler.Deleted, "created by this run"), await harness.RemoveAsync(plan, ReadRequestId(plan)));

        // The namespace is this run's, so the claims in it were made by this run's release: no one's data yet.
        Assert.Null(harness.StandIn.Find("persistentvolumeclaims", plan.Namespace, "data-etcd-0"));
        Assert.Null(harness.StandIn.Find("namespaces", "", plan.Namespace));
    }

    [Fact]
    public async Task RemoveAsync_CompensationInAnEarlierRunsNamespaceWithReleaseClaims_NeverDeletesThem()
    {
        var earlier = KubernetesHarness.Plan(TestEnvironments.NewName("sa")) with { Release = ServiceAccountScenes.Release };
        await harness.EnsureAsync(earlier);
        await new ServiceAccountScenes(harness).AddAsync("pvc", earlier.Namespace);
        // The account went missing since; a later run makes it again in the earlier run's namespace.
        await harness.Raw.CoreV1.DeleteNamespacedServiceAccountAsync(earlier.Name, earlier.Namespace, cancellationToken: harness.Ct);
        var later = earlier with { Labels = new Dictionary<string, string>(earlier.Labels) { [OwnershipTags.RunId] = Guid.NewGuid().ToString() } };
        await harness.EnsureAsync(later);

        Assert.Equal((Reconciler.Deleted, "created by this run"), await harness.RemoveAsync(later, ReadRequestId(later)));

        Assert.NotNull(harness.StandIn.Find("persistentvolumeclaims", later.Namespace, "data-etcd-0"));
        Assert.NotNull(harness.StandIn.Find("namespaces", "", later.Namespace));
    }

    [Fact]
    public async Task CompensateAsync_CrashedBetweenAccountAndNamespace_TheRunsNamespaceIsRemovedWithItsClaims()
    {
        var plan = KubernetesHarness.Plan(TestEnvironments.NewName("sa")) with { Release = ServiceAccountScenes.Release };
        await harness.EnsureAsync(plan);
        await new ServiceAccountScenes(harness).AddAsync("pvc", plan.Namespace);
        await harness.Raw.CoreV1.DeleteNamespacedServiceAccountAsync(plan.Name, plan.Namespace, cancellationToken: harness.Ct);

        var result = await harness.RemoveAsync(plan, ReadRequestId(plan));

        Assert.Equal((Reconciler.Deleted, $"namespace {plan.Namespace} deleted"), result);
        Assert.Null(harness.StandIn.Find("namespaces", "", plan.Namespace));
    }

    [Fact]
    public async Task RemoveAsync_NamespaceNotOurs_DeletesOnlyTheAccount()
    {
        var plan = KubernetesHarness.Plan(TestEnvironments.NewName("sa"));
        await ArrangeAsync("namespace-only", plan);
        await harness.EnsureAsync(plan);

        await harness.RemoveAsync(plan, ReadRequestId(plan));

        Assert.Null(harness.StandIn.Find("serviceaccounts", plan.Namespace, plan.Name));
        Assert.NotNull(harness.StandIn.Find("namespaces", "", plan.Namespace));
    }

    [Fact]
    public async Task RemoveAsync_CreatedByAnotherRequest_RetainsEverything()
    {
        var plan = KubernetesHarness.Plan(TestEnvironments.NewName("sa"));
        await harness.EnsureAsync(plan);

        Assert.Equal((Reconciler.Retained, "existed before this run, which did not change it"), await harness.RemoveAsync(plan, Guid.NewGuid()));
        Assert.NotNull(harness.StandIn.Find("serviceaccounts", plan.Namespace, plan.Name));
    }

    [Fact]
    public void Outputs_Always_NameNamespaceAccountAndRole()
    {
        var plan = KubernetesHarness.Plan(TestEnvironments.NewName("sa"));

        var outputs = harness.Resource.Outputs(plan);

        Assert.Equal((plan.Namespace, plan.Name, plan.Annotations[Planner.RoleArnAnnotation]),
            (outputs["namespace"], outputs["name"], outputs["roleArn"]));
    }

    private Task<V1ServiceAccount> ReadAsync(ServiceAccountPlan plan) =>
        harness.Raw.CoreV1.ReadNamespacedServiceAccountAsync(plan.Name, plan.Namespace, cancellationToken: harness.Ct);

    private Guid ReadRequestId(ServiceAccountPlan plan) => Guid.Parse(plan.Labels[OwnershipTags.RunId]);

    private Task ArrangeAsync(string start, ServiceAccountPlan plan) => new ServiceAccountScenes(harness).ArrangeAsync(start, plan, OtherRole);

    private Task AddAsync(string other, string ns) => new ServiceAccountScenes(harness).AddAsync(other, ns);

    [Fact]
    public async Task CompensateAsync_LaterRunRepointedTheAnnotation_AnnotationAndLabelsAsTheyWere()
    {
        var environment = TestEnvironments.NewName("sa");
        var first = KubernetesHarness.Plan(environment);
        var later = KubernetesHarness.Plan(environment);

        var (action, _) = await RollbackScene.UpdateThenCompensateAsync(harness.Resource, first, later, environment, harness.Ct,
            () => ArrangeAsync("ours-other-role", first));

        Assert.Equal(Reconciler.Restored, action);
        var account = await ReadAsync(first);
        Assert.Equal(OtherRole, account.Metadata.Annotations[Planner.RoleArnAnnotation]);
        Assert.Equal(first.Labels.OrderBy(l => l.Key), account.Metadata.Labels.OrderBy(l => l.Key));
    }

    [Fact]
    public async Task DeprovisionAsync_NamespaceKeptForClaimsThenDeleteData_ALaterDeprovisioningComesBackForIt()
    {
        var plan = KubernetesHarness.Plan(TestEnvironments.NewName("sa")) with { Release = ServiceAccountScenes.Release };
        await harness.EnsureAsync(plan);
        await new ServiceAccountScenes(harness).AddAsync("pvc", plan.Namespace, plan);
        var environment = KubernetesHarness.EnvironmentOf(plan);

        var kept = await TestReconciler.DeprovisionAsync(harness.Resource, plan, environment, deleteData: false, harness.Ct);
        var later = await TestReconciler.DeprovisionAsync(harness.Resource, plan, environment, deleteData: true, harness.Ct);

        Assert.Equal(Reconciler.Retained, kept.Action);
        Assert.Equal((Reconciler.Deleted, $"namespace {plan.Namespace} deleted"), later);
        Assert.Null(harness.StandIn.Find("namespaces", "", plan.Namespace));
        Assert.Equal((Reconciler.Absent, (string?)null), await TestReconciler.DeprovisionAsync(harness.Resource, plan, environment, true, harness.Ct));
    }
}
