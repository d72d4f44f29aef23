using Microsoft.Extensions.Logging.Abstractions;
using Provisioner.Worker.Common;
using Provisioner.Worker.Helm;
using Provisioner.Worker.Planning;
using Provisioner.Worker.Stages;
using Provisioner.Worker.Stages.MilvusRelease;
using Provisioner.Worker.Tests.Infrastructure;

namespace Provisioner.Worker.Tests.Stages.MilvusRelease;

/// <summary>
/// The resource with the real helm 3 and 4, through the same Reconciler the stages use: the whole life of a release
/// against the Kubernetes stand-in (and, with <see cref="RealClusterFactAttribute"/>, a real cluster), and how it fails
/// when no cluster answers.
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

    [HelmFact(4)]
    public Task EnsureAsync_NewReleaseHelm4_CreatedUnchangedReconciledAndRemovedOnlyByItsCreator() => OnStandInAsync(4, LifecycleAsync);

    [HelmFact(3)]
    public Task EnsureAsync_NewReleaseHelm3_CreatedUnchangedReconciledAndRemovedOnlyByItsCreator() => OnStandInAsync(3, LifecycleAsync);

    [RealClusterFact]
    public Task EnsureAsync_NewReleaseOnRealCluster_CreatedUnchangedReconciledAndRemovedOnlyByItsCreator() => LifecycleAsync(OnCluster(), null);

    [HelmFact(4)]
    public Task EnsureAsync_ReleaseInstalledWithoutMarkerHelm4_ConflictAndLeftAlone() => OnStandInAsync(4, ForeignReleaseAsync);

    [HelmFact(3)]
    public Task EnsureAsync_ReleaseInstalledWithoutMarkerHelm3_ConflictAndLeftAlone() => OnStandInAsync(3, ForeignReleaseAsync);

    [RealClusterFact]
    public Task EnsureAsync_ReleaseInstalledWithoutMarkerOnRealCluster_ConflictAndLeftAlone() => ForeignReleaseAsync(OnCluster(), null);

    [HelmFact(4)]
    public Task EnsureAsync_UpgradeKilledMidWaitHelm4_RolledBackThenUpgraded() => OnStandInAsync(4, StrandedAsync);

    [HelmFact(3)]
    public Task EnsureAsync_UpgradeKilledMidWaitHelm3_RolledBackThenUpgraded() => OnStandInAsync(3, StrandedAsync);

    [RealClusterFact]
    public Task EnsureAsync_UpgradeKilledMidWaitOnRealCluster_RolledBackThenUpgraded() => StrandedAsync(OnCluster(), null);

    [HelmFact(4)]
    public Task EnsureAsync_UpgradeNeverReadyHelm4_RolledBackByHelmAndTerminal() => OnStandInAsync(4, NeverReadyUpgradeAsync);

    [HelmFact(3)]
    public Task EnsureAsync_UpgradeNeverReadyHelm3_RolledBackByHelmAndTerminal() => OnStandInAsync(3, NeverReadyUpgradeAsync);

    [RealClusterFact]
    public Task EnsureAsync_UpgradeNeverReadyOnRealCluster_RolledBackByHelmAndTerminal() => NeverReadyUpgradeAsync(OnCluster(), null);

    [HelmFact(4)]
    public Task CreateAsync_NeverReadyHelm4_UninstalledByHelmNothingLeft() => OnStandInAsync(4, NeverReadyInstallAsync);

    [HelmFact(3)]
    public Task CreateAsync_NeverReadyHelm3_UninstalledByHelmNothingLeft() => OnStandInAsync(3, NeverReadyInstallAsync);

    private async Task LifecycleAsync(HelmOptions options, HelmStandIn? standIn)
    {
        var release = ReleasePlans.NewRelease();
        var first = ReleasePlans.For(release, Guid.NewGuid());
        var later = ReleasePlans.For(release, Guid.NewGuid(), ReleasePlans.ReadyImage.Replace("}}", "},\"note\":\"reconciled\"}", StringComparison.Ordinal));
        var resource = Resource(options);
        try
        {
            Assert.Equal(Reconciler.Created, await EnsureAsync(resource, first));
            Assert.Equal(("0.1.0", "2.6.15-stub"), (resource.Outputs(first)["chartVersion"], resource.Outputs(first)["appVersion"]));
            Assert.Equal(Reconciler.Unchanged, await EnsureAsync(resource, first));
            Assert.Equal(Reconciler.Updated, await EnsureAsync(resource, later));

            var reconciled = await resource.ObserveAsync(later, Environment, Ct);
            Assert.True(reconciled.UpToDate, string.Join(", ", reconciled.Drift));
            Assert.True(OwnershipTags.WasCreatedBy(reconciled.Tags, CreatorOf(first)));
            if (standIn is not null)
            {
                Assert.Equal(2, standIn.ReleaseSecrets(ReleasePlans.Namespace, release).Count);
                Assert.Contains("bucketName: " + TestRequests.DerivedBucket, standIn.RenderedConfig(ReleasePlans.Namespace, release));
            }

            Assert.Equal((Reconciler.Retained, "existed before this run, which did not change it"),
                await TestReconciler.RemoveAsync(resource, later, Environment, CreatorOf(later), Ct));
            Assert.Equal((Reconciler.Deleted, "created by this run"), await TestReconciler.RemoveAsync(resource, later, Environment, CreatorOf(first), Ct));
            Assert.False((await resource.ObserveAsync(first, Environment, Ct)).Exists);
            await resource.DeleteAsync(first, Ct);
            if (standIn is not null)
            {
                Assert.Empty(standIn.ReleaseSecrets(ReleasePlans.Namespace, release));
                Assert.Null(standIn.RenderedConfig(ReleasePlans.Namespace, release));
            }
        }
        finally
        {
            await Cli(options).UninstallAsync(release, ReleasePlans.Namespace, CancellationToken.None);
        }
    }

    private async Task ForeignReleaseAsync(HelmOptions options, HelmStandIn? standIn)
    {
        var release = ReleasePlans.NewRelease();
        await HelmProcess.SucceedAsync(options.Binary, "install", release, HelmProcess.StubChart, "--namespace", ReleasePlans.Namespace,
            "--kubeconfig", options.Kubeconfig!, "--set", "serviceAccount.create=false,serviceAccount.name=default,minio.enabled=false",
            "--set", "image.repository=registry.k8s.io/pause,image.tag=3.10");
        try
        {
            await Assert.ThrowsAsync<ResourceConflictException>(() => EnsureAsync(Resource(options), ReleasePlans.For(release, Guid.NewGuid())));

            Assert.Equal((Reconciler.Retained, "not ours"), await TestReconciler.RemoveAsync(Resource(options),
                ReleasePlans.For(release, Guid.NewGuid()), Environment, null, Ct));
            if (standIn is not null) Assert.Single(standIn.ReleaseSecrets(ReleasePlans.Namespace, release));
        }
        finally
        {
            await HelmProcess.RunAsync(options.Binary, "uninstall", release, "--namespace", ReleasePlans.Namespace, "--kubeconfig", options.Kubeconfig!);
        }
    }

    private async Task StrandedAsync(HelmOptions options, HelmStandIn? standIn)
    {
        var release = ReleasePlans.NewRelease();
        var creator = Guid.NewGuid();
        var plan = ReleasePlans.For(release, creator);
        var resource = Resource(options);
        var major = await Cli(options).MajorVersionAsync(Ct);
        try
        {
            Assert.Equal(Reconciler.Created, await EnsureAsync(resource, plan));
            await StrandedUpgrade.LeaveAsync(ReleasePlans.For(release, creator, ReleasePlans.NeverReadyImage), major, options, temp.FullName,
                TimeSpan.FromSeconds(standIn is null ? 8 : 4));
            Assert.Equal(HelmStatuses.PendingUpgrade, (await Cli(options).HistoryAsync(release, ReleasePlans.Namespace, Ct))[^1].Status);

            Assert.Equal(Reconciler.Updated, await EnsureAsync(resource, plan));

            var history = await Cli(options).HistoryAsync(release, ReleasePlans.Namespace, Ct);
            Assert.Equal(HelmStatuses.Deployed, history[^1].Status);
            Assert.Contains(history, r => r.Description?.Contains("Rollback to 1", StringComparison.Ordinal) == true);
            Assert.True((await resource.ObserveAsync(plan, Environment, Ct)).UpToDate);
        }
        finally
        {
            await Cli(options).UninstallAsync(release, ReleasePlans.Namespace, CancellationToken.None);
        }
    }

    /// <summary>An upgrade whose pods never become ready: helm waits out its timeout, rolls back itself, and says so.</summary>
    private async Task NeverReadyUpgradeAsync(HelmOptions options, HelmStandIn? standIn)
    {
        var release = ReleasePlans.NewRelease();
        var creator = Guid.NewGuid();
        try
        {
            Assert.Equal(Reconciler.Created, await EnsureAsync(Resource(options), ReleasePlans.For(release, creator)));

            // A real cluster needs longer than the stand-in to settle the rollback within the same timeout.
            var timeout = TimeSpan.FromSeconds(standIn is null ? 30 : 5);
            var failed = await Assert.ThrowsAsync<HelmException>(() => EnsureAsync(Resource(options with { Timeout = timeout }),
                ReleasePlans.For(release, creator, ReleasePlans.NeverReadyImage)));

            // helm waited out its timeout and rolled its own attempt back: retrying would wait the whole timeout again.
            Assert.Equal((HelmErrorKind.Terminal, "upgrade --install"), (failed.Kind, failed.Command));
            Assert.Contains("rolled back", failed.Stderr, StringComparison.Ordinal);
            var history = await Cli(options).HistoryAsync(release, ReleasePlans.Namespace, Ct);
            Assert.Equal([HelmStatuses.Superseded, HelmStatuses.Failed, HelmStatuses.Deployed], history.Select(r => r.Status));
            Assert.Contains("Rollback to 1", history[^1].Description, StringComparison.Ordinal);
            if (standIn is not null) Assert.Equal(["registry.k8s.io/pause:3.10"], standIn.Images(ReleasePlans.Namespace, $"{release}-milvus-proxy"));
        }
        finally
        {
            await Cli(options).UninstallAsync(release, ReleasePlans.Namespace, CancellationToken.None);
        }
    }

    /// <summary>A first install whose pods never become ready: helm removes it again, so no release is left to adopt or clean.</summary>
    private async Task NeverReadyInstallAsync(HelmOptions options, HelmStandIn? standIn)
    {
        var release = ReleasePlans.NewRelease();
        var plan = ReleasePlans.For(release, Guid.NewGuid(), ReleasePlans.NeverReadyImage);

        var failed = await Assert.ThrowsAsync<HelmException>(() => Resource(options with { Timeout = TimeSpan.FromSeconds(5) }).CreateAsync(plan, Ct));

        // helm removed its own install after waiting out its timeout: another try would wait the same timeout for the same end.
        Assert.Equal(HelmErrorKind.Terminal, failed.Kind);
        Assert.Empty(await Cli(options).HistoryAsync(release, ReleasePlans.Namespace, Ct));
        Assert.False((await Resource(options).ObserveAsync(plan, Environment, Ct)).Exists);
        if (standIn is not null)
        {
            Assert.Empty(standIn.ReleaseSecrets(ReleasePlans.Namespace, release));
            Assert.Empty(standIn.Images(ReleasePlans.Namespace, $"{release}-milvus-proxy"));
        }
    }

    private static async Task OnStandInAsync(int major, Func<HelmOptions, HelmStandIn?, Task> scenario)
    {
        await using var standIn = await HelmStandIn.StartAsync(ReleasePlans.Namespace);
        await scenario(standIn.Options(major), standIn);
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
