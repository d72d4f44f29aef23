using Microsoft.Extensions.Logging.Abstractions;
using Provisioner.Worker.Common;
using Provisioner.Worker.Helm;
using Provisioner.Worker.Planning;
using Provisioner.Worker.Stages;
using Provisioner.Worker.Stages.MilvusRelease;
using Provisioner.Worker.Tests.Infrastructure;

namespace Provisioner.Worker.Tests.Stages.MilvusRelease;

/// <summary>
/// The resource with the real helm. Without a cluster: what it reports from the plan and how it fails. With one
/// (<see cref="RealClusterFactAttribute"/>): the whole life of a release, through the same Reconciler the stages use.
/// </summary>
public sealed class HelmReleaseResourceTests : IDisposable
{
    private const string Environment = TestRequests.Environment;
    private readonly DirectoryInfo temp = Directory.CreateTempSubdirectory("release-resource-tests-");
    private readonly TestKubeconfig refusing = new(TestKubeconfig.RefusingServer);
    private readonly CancellationTokenSource timeout = new(TimeSpan.FromMinutes(10));

    private CancellationToken Ct => timeout.Token;

    public void Dispose()
    {
        timeout.Dispose();
        refusing.Dispose();
        temp.Delete(recursive: true);
    }

    [Fact]
    public void Outputs_BeforeAnyCall_FromThePlan()
    {
        var plan = TestRequests.Plan(TestRequests.Valid()).Helm!;

        Assert.Equal(new Dictionary<string, string>
        {
            ["release"] = "milvus-tenant-a", ["namespace"] = "milvus", ["chart"] = "milvus", ["chartVersion"] = "5.0.19",
        }, Resource(new HelmOptions { Binary = "helm" }).Outputs(plan));
    }

    [HelmFact(4)]
    public async Task ObserveAsync_UnreachableClusterHelm4_RetriedThenRetryableError() =>
        Assert.Equal(HelmErrorKind.Retryable, (await Assert.ThrowsAsync<HelmException>(() =>
            Resource(Refusing(4)).ObserveAsync(ReleasePlans.For("stub", Guid.NewGuid()), Environment, Ct))).Kind);

    [HelmFact(3)]
    public async Task CreateAsync_UnreachableClusterHelm3_RetryableAndNoValuesFileLeft()
    {
        var ex = await Assert.ThrowsAsync<HelmException>(() => Resource(Refusing(3)).CreateAsync(ReleasePlans.For("stub", Guid.NewGuid()), Ct));

        Assert.Equal(HelmErrorKind.Retryable, ex.Kind);
        Assert.Empty(temp.GetFiles());
    }

    [RealClusterFact]
    public async Task EnsureAsync_NewReleaseOnRealCluster_CreatedUnchangedReconciledAndRemovedOnlyByItsCreator()
    {
        var release = ReleasePlans.NewRelease();
        var first = ReleasePlans.For(release, Guid.NewGuid());
        var later = ReleasePlans.For(release, Guid.NewGuid(), ReleasePlans.ReadyImage.Replace("}}", "},\"note\":\"reconciled\"}", StringComparison.Ordinal));
        var resource = Resource(OnCluster());
        try
        {
            Assert.Equal(Reconciler.Created, await EnsureAsync(resource, first));
            Assert.Equal(("0.1.0", "2.6.15-stub"), (resource.Outputs(first)["chartVersion"], resource.Outputs(first)["appVersion"]));
            Assert.Equal(Reconciler.Unchanged, await EnsureAsync(resource, first));
            Assert.Equal(Reconciler.Updated, await EnsureAsync(resource, later));

            var reconciled = await resource.ObserveAsync(later, Environment, Ct);
            Assert.True(reconciled.UpToDate, string.Join(", ", reconciled.Drift));
            Assert.True(OwnershipTags.WasCreatedBy(reconciled.Tags, CreatorOf(first)));

            Assert.Equal((Reconciler.Retained, "existed before this run, which did not change it"),
                await TestReconciler.RemoveAsync(resource, later, Environment, CreatorOf(later), Ct));
            Assert.Equal((Reconciler.Deleted, "created by this run"), await TestReconciler.RemoveAsync(resource, later, Environment, CreatorOf(first), Ct));
            Assert.False((await resource.ObserveAsync(first, Environment, Ct)).Exists);
            await resource.DeleteAsync(first, Ct);
        }
        finally
        {
            await Cli(OnCluster()).UninstallAsync(release, ReleasePlans.Namespace, CancellationToken.None);
        }
    }

    [RealClusterFact]
    public async Task EnsureAsync_ReleaseInstalledWithoutMarker_ConflictAndLeftAlone()
    {
        var release = ReleasePlans.NewRelease();
        var binary = HelmBinaries.Require(4);
        var kubeconfig = RealClusterFactAttribute.Kubeconfig!;
        await HelmProcess.SucceedAsync(binary, "install", release, HelmProcess.StubChart, "--namespace", ReleasePlans.Namespace,
            "--kubeconfig", kubeconfig, "--set", "serviceAccount.create=false,serviceAccount.name=default,minio.enabled=false",
            "--set", "image.repository=registry.k8s.io/pause,image.tag=3.10");
        try
        {
            await Assert.ThrowsAsync<ResourceConflictException>(() => EnsureAsync(Resource(OnCluster()), ReleasePlans.For(release, Guid.NewGuid())));

            Assert.Equal((Reconciler.Retained, "not ours"), await TestReconciler.RemoveAsync(Resource(OnCluster()),
                ReleasePlans.For(release, Guid.NewGuid()), Environment, null, Ct));
        }
        finally
        {
            await HelmProcess.RunAsync(binary, "uninstall", release, "--namespace", ReleasePlans.Namespace, "--kubeconfig", kubeconfig);
        }
    }

    [RealClusterFact]
    public async Task EnsureAsync_UpgradeKilledMidWaitOnRealCluster_RolledBackThenUpgraded()
    {
        var release = ReleasePlans.NewRelease();
        var creator = Guid.NewGuid();
        var plan = ReleasePlans.For(release, creator);
        var resource = Resource(OnCluster());
        try
        {
            Assert.Equal(Reconciler.Created, await EnsureAsync(resource, plan));
            await StrandedUpgrade.LeaveAsync(ReleasePlans.For(release, creator, ReleasePlans.NeverReadyImage), OnCluster(), temp.FullName);
            Assert.Equal(HelmStatuses.PendingUpgrade, (await Cli(OnCluster()).HistoryAsync(release, ReleasePlans.Namespace, Ct))[^1].Status);

            Assert.Equal(Reconciler.Updated, await EnsureAsync(resource, plan));

            var history = await Cli(OnCluster()).HistoryAsync(release, ReleasePlans.Namespace, Ct);
            Assert.Equal(HelmStatuses.Deployed, history[^1].Status);
            Assert.Contains(history, r => r.Description?.Contains("Rollback to 1", StringComparison.Ordinal) == true);
            Assert.True((await resource.ObserveAsync(plan, Environment, Ct)).UpToDate);
        }
        finally
        {
            await Cli(OnCluster()).UninstallAsync(release, ReleasePlans.Namespace, CancellationToken.None);
        }
    }

    private Task<string> EnsureAsync(HelmReleaseResource resource, MilvusReleasePlan plan) =>
        TestReconciler.EnsureAsync(resource, plan, "milvus release", plan.Release, Environment, Ct);

    private static Guid CreatorOf(MilvusReleasePlan plan) => Guid.Parse(plan.Tags[OwnershipTags.RunId]);

    private HelmOptions Refusing(int major) => new() { Binary = HelmBinaries.Require(major), Kubeconfig = refusing.Path };

    private static HelmOptions OnCluster() => new()
    {
        Binary = HelmBinaries.Require(4),
        Kubeconfig = RealClusterFactAttribute.Kubeconfig,
        Timeout = TimeSpan.FromMinutes(3),
    };

    private HelmCli Cli(HelmOptions options) =>
        new(Microsoft.Extensions.Options.Options.Create(options), NullLogger<HelmCli>.Instance) { TempDirectory = temp.FullName };

    private HelmReleaseResource Resource(HelmOptions options) =>
        new(Cli(options), new BoundedRetry(2, TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(50)), NullLogger<HelmReleaseResource>.Instance);
}
