using Provisioner.Contracts;
using Provisioner.Worker.Drift;
using Provisioner.Worker.Tests.Infrastructure;
using Provisioner.Worker.Tests.StateMachine;

namespace Provisioner.Worker.Tests.Drift;

/// <summary>
/// The saga's side of drift (issue 17) on the real state machine and store, the cloud faked: what a check found is
/// reported once per distinct finding, shows as <c>drifted</c> until repaired, and in repair mode re-applies the request
/// through a run of its own; a stale observation and a foreign resource change nothing.
/// </summary>
public sealed class DriftSagaTests
{
    private static async Task<(SagaTestHost Host, EnvironmentRequest Request)> ProvisionedAsync(EnvironmentRequest? request = null)
    {
        var host = await SagaTestHost.StartAsync();
        request ??= SagaRequests.Valid();
        Assert.IsType<EnvironmentProvisioned>(await host.ProvisionAsync(request));
        return (host, request);
    }

    private static async Task<DriftReport> CheckAsync(SagaTestHost host, EnvironmentRequest request, bool repair)
    {
        var saga = await host.LoadAsync(request.Environment);
        return (await host.DriftCheck.CheckAndReportAsync(saga, repair, default))!;
    }

    private static IReadOnlyList<object> DriftEvents(SagaTestHost host, string environment) =>
        host.Events.Events.Where(e => e is EnvironmentDriftDetected d && d.Environment == environment
            || e is EnvironmentDriftRepaired r && r.Environment == environment).ToList();

    private static string Describe(DriftFinding d) => $"{d.Stage} {d.Resource} {d.Kind}: {string.Join("; ", d.Differences)}";

    [Fact]
    public async Task Check_SameDriftAgain_SagaNotWritten()
    {
        var (host, request) = await ProvisionedAsync();
        await using var _ = host;
        host.Role.ChangedByHand = ["trust policy changed"];
        await CheckAsync(host, request, repair: false);
        await Eventually.TrueAsync(() => DriftEvents(host, request.Environment).Count == 1, "drift reported");
        await Task.Delay(200);
        var version = (await host.LoadAsync(request.Environment)).Version;

        await CheckAsync(host, request, repair: false);
        await Task.Delay(300);

        Assert.Equal(version, (await host.LoadAsync(request.Environment)).Version);
    }

    [Fact]
    public async Task Check_RoleChangedByHand_ReportedOnceAsDriftedUntilPutBackByHand()
    {
        var (host, request) = await ProvisionedAsync();
        await using var _ = host;
        host.Role.ChangedByHand = ["trust policy: principal system:serviceaccount:milvus:intruder"];
        var calls = host.Log.Calls.Count;

        var report = await CheckAsync(host, request, repair: false);
        await Eventually.TrueAsync(() => DriftEvents(host, request.Environment).Count == 1, "drift reported");
        await CheckAsync(host, request, repair: false);
        await Task.Delay(300);

        var detected = Assert.IsType<EnvironmentDriftDetected>(Assert.Single(DriftEvents(host, request.Environment)));
        var finding = Assert.Single(detected.Drift);
        Assert.Equal((StageNames.Role, "changed"), (finding.Stage, finding.Kind));
        Assert.Equal(["trust policy: principal system:serviceaccount:milvus:intruder"], finding.Differences);
        Assert.Equal(report.CheckedAt, detected.DetectedAt);
        var status = Assert.IsType<EnvironmentStatus>((await host.StatusAsync(request.Environment)).Message);
        Assert.Equal(("drifted", 1), (status.State, status.Drift!.Count));
        Assert.Equal(calls, host.Log.Calls.Count); // report mode: not one create, update, restore or delete

        host.Role.ChangedByHand = null;
        await CheckAsync(host, request, repair: false);
        await Eventually.TrueAsync(() => DriftEvents(host, request.Environment).Count == 2, "drift gone");

        var repaired = Assert.IsType<EnvironmentDriftRepaired>(DriftEvents(host, request.Environment)[1]);
        Assert.Null(repaired.RequestId);
        Assert.Equal(detected.Drift.Select(Describe), repaired.Repaired.Select(Describe));
        status = Assert.IsType<EnvironmentStatus>((await host.StatusAsync(request.Environment)).Message);
        Assert.Equal("provisioned", status.State);
        Assert.Null(status.Drift);
    }

    [Fact]
    public async Task Repair_RoleDeletedByHand_ReconcileRunRecreatesItAndDriftRepairedNamesTheRun()
    {
        var (host, request) = await ProvisionedAsync();
        await using var _ = host;
        host.Role.DeleteAllByHand();

        await CheckAsync(host, request, repair: true);
        await Eventually.TrueAsync(() => DriftEvents(host, request.Environment).Count == 2, "drift reported and repaired");

        var events = DriftEvents(host, request.Environment);
        var detected = Assert.IsType<EnvironmentDriftDetected>(events[0]);
        Assert.Equal("missing", Assert.Single(detected.Drift).Kind);
        var repaired = Assert.IsType<EnvironmentDriftRepaired>(events[1]);
        Assert.NotNull(repaired.RequestId);
        Assert.IsType<EnvironmentProvisioned>(await host.Events.OutcomeAsync(repaired.RequestId!.Value));
        Assert.Contains(host.Events.For(repaired.RequestId.Value), e => e is EnvironmentRunStarted { Reconcile: true });
        Assert.Equal(1, host.Role.Count);
        var status = Assert.IsType<EnvironmentStatus>((await host.StatusAsync(request.Environment)).Message);
        Assert.Equal(("provisioned", repaired.RequestId.Value), (status.State, status.RequestId));
        Assert.Null(status.Drift);
    }

    [Fact]
    public async Task Repair_PolicyMadeForeign_ReportedAndNeverTouched()
    {
        var (host, request) = await ProvisionedAsync();
        await using var _ = host;
        host.Policy.StripTagsByHand();
        host.Role.DeleteAllByHand();
        var calls = host.Log.Calls.Count;

        await CheckAsync(host, request, repair: true);
        await Eventually.TrueAsync(() => DriftEvents(host, request.Environment).Count == 1, "drift reported");
        await Task.Delay(500);

        var detected = Assert.IsType<EnvironmentDriftDetected>(Assert.Single(DriftEvents(host, request.Environment)));
        Assert.Equal(["access-policy foreign", "role missing"], detected.Drift.Select(d => $"{d.Stage} {d.Kind}"));
        Assert.Equal(calls, host.Log.Calls.Count);
        Assert.Equal("drifted", Assert.IsType<EnvironmentStatus>((await host.StatusAsync(request.Environment)).Message).State);
    }

    [Fact]
    public async Task Observation_StaleVersion_Dropped()
    {
        var (host, request) = await ProvisionedAsync();
        await using var _ = host;
        var saga = await host.LoadAsync(request.Environment);

        await host.Bus.Publish(new DriftObserved(saga.CorrelationId, saga.Version - 1,
            [new DriftFinding(StageNames.Role, "r", "missing", [])], DateTimeOffset.UtcNow, Repair: true));
        await Task.Delay(500);

        Assert.Empty(DriftEvents(host, request.Environment));
        Assert.Null((await host.LoadAsync(request.Environment)).Drift);
        Assert.Equal("provisioned", Assert.IsType<EnvironmentStatus>((await host.StatusAsync(request.Environment)).Message).State);
        Assert.Equal(1, host.Role.Count);
    }

    [Fact]
    public async Task Reconcile_AfterDriftReported_DriftRepairedByThatRun()
    {
        var (host, request) = await ProvisionedAsync();
        await using var _ = host;
        host.Role.ChangedByHand = ["max session duration: 43200, applied 3600"];
        await CheckAsync(host, request, repair: false);
        await Eventually.TrueAsync(() => DriftEvents(host, request.Environment).Count == 1, "drift reported");

        var reconcile = Guid.NewGuid();
        Assert.IsType<EnvironmentProvisioned>(await host.ProvisionAsync(request, reconcile));

        var repaired = Assert.IsType<EnvironmentDriftRepaired>(DriftEvents(host, request.Environment)[^1]);
        Assert.Equal(reconcile, repaired.RequestId);
        Assert.Null(Assert.IsType<EnvironmentStatus>((await host.StatusAsync(request.Environment)).Message).Drift);
    }

    [Fact]
    public async Task Check_RunUnderWay_NothingObserved()
    {
        await using var host = await SagaTestHost.StartAsync();
        var request = SagaRequests.Valid();
        var hold = host.Role.HoldCreate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await host.Bus.Publish(new ProvisionEnvironment(Guid.NewGuid(), request));
        await Eventually.TrueAsync(() => host.Role.HeldCreates == 1, "the role stage in progress");

        var observed = host.Bucket.ObservationsOf(request.Environment);
        var report = await host.DriftCheck.CheckAsync(await host.LoadAsync(request.Environment), default);
        var after = host.Bucket.ObservationsOf(request.Environment);
        hold.SetResult();

        Assert.Null(report);
        Assert.Equal(observed, after);
    }
}
