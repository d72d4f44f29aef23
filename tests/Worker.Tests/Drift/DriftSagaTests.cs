using Provisioner.Contracts;
using Provisioner.Worker.Drift;
using Provisioner.Worker.Tests.Infrastructure;
using Provisioner.Worker.Tests.StateMachine;

namespace Provisioner.Worker.Tests.Drift;

/// <summary>
/// The saga's side of drift (issue 17) on the real state machine and store, the cloud faked: what a check found is
/// reported once per distinct finding, shows as <c>drifted</c> until repaired, and in repair mode re-applies the request
/// through a run of its own that keeps what it put back; a stale observation and a foreign resource change nothing.
/// Waits are on the saga having consumed the observation, never on a fixed delay.
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

    /// <summary>A check as the schedule makes it; returns once the saga has consumed what it sent (if it sent anything).</summary>
    private static async Task<DriftReport> CheckAsync(SagaTestHost host, EnvironmentRequest request, bool repair)
    {
        var sent = Sent(host);
        var consumed = Consumed(host);
        var report = (await host.DriftCheck.CheckAndReportAsync(await host.LoadAsync(request.Environment), repair, default))!;
        if (Sent(host) > sent) await Eventually.TrueAsync(() => Consumed(host) > consumed, "the saga consumed the observation");
        return report;
    }

    private static int Sent(SagaTestHost host) => host.Harness.Published.Select<DriftObserved>().Count();

    private static int Consumed(SagaTestHost host) => host.Harness.Consumed.Select<DriftObserved>().Count();

    private static IReadOnlyList<object> DriftEvents(SagaTestHost host, string environment) =>
        host.Events.Events.Where(e => e is EnvironmentDriftDetected d && d.Environment == environment
            || e is EnvironmentDriftRepaired r && r.Environment == environment).ToList();

    private static string Describe(DriftFinding d) => $"{d.Stage} {d.Resource} {d.Kind}: {string.Join("; ", d.Differences)}";

    [Fact]
    public async Task Check_SameDriftAgain_NothingSentAndSagaNotWritten()
    {
        var (host, request) = await ProvisionedAsync();
        await using var _ = host;
        host.Role.ChangedByHand = ["trust policy changed"];
        await CheckAsync(host, request, repair: false);
        var (version, sent) = ((await host.LoadAsync(request.Environment)).Version, Sent(host));

        await CheckAsync(host, request, repair: false);

        Assert.Equal(sent, Sent(host));
        Assert.Equal(version, (await host.LoadAsync(request.Environment)).Version);
        Assert.Single(DriftEvents(host, request.Environment));
    }

    [Fact]
    public async Task Check_RoleChangedByHand_ReportedOnceAsDriftedUntilPutBackByHand()
    {
        var (host, request) = await ProvisionedAsync();
        await using var _ = host;
        host.Role.ChangedByHand = ["trust policy: principal system:serviceaccount:milvus:intruder"];
        var calls = host.Log.Calls.Count;

        var report = await CheckAsync(host, request, repair: false);
        await CheckAsync(host, request, repair: false);

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
    public async Task Repair_LaterStageFails_WhatItPutBackIsKeptAndTheDriftStaysReported()
    {
        var (host, request) = await ProvisionedAsync();
        await using var _ = host;
        host.Role.DeleteAllByHand();
        host.Verifier.Differences = ["the role's trust does not name the ServiceAccount"];

        await CheckAsync(host, request, repair: true);
        var run = await Eventually.ValueAsync(() => host.Events.Events.OfType<EnvironmentRunStarted>().LastOrDefault(e => e.Reconcile && e.Environment == request.Environment),
            "the repair run started");
        var outcome = await host.Events.OutcomeAsync(run.RequestId);

        Assert.IsType<EnvironmentRolledBack>(outcome);
        Assert.Equal(1, host.Role.Count); // recreated by the repair, and kept: deleting it would break the environment again
        var compensated = host.Events.For(run.RequestId).OfType<StageCompensated>().ToList();
        Assert.All(compensated, c => Assert.Equal(("retained", "a drift repair keeps what it put back"), (c.Action, c.Detail)));
        Assert.Contains(compensated, c => c.Stage == StageNames.Role);
        Assert.Single(DriftEvents(host, request.Environment)); // detected; not repaired
        Assert.NotNull((await host.LoadAsync(request.Environment)).Drift);
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

        var detected = Assert.IsType<EnvironmentDriftDetected>(Assert.Single(DriftEvents(host, request.Environment)));
        Assert.Equal(["access-policy foreign", "role missing"], detected.Drift.Select(d => $"{d.Stage} {d.Kind}"));
        Assert.Equal(calls, host.Log.Calls.Count);
        Assert.Equal("drifted", Assert.IsType<EnvironmentStatus>((await host.StatusAsync(request.Environment)).Message).State);
    }

    [Fact]
    public async Task Observation_StaleVersion_DroppedWithoutAWrite()
    {
        var (host, request) = await ProvisionedAsync();
        await using var _ = host;
        var saga = await host.LoadAsync(request.Environment);
        var consumed = Consumed(host);

        await host.Bus.Publish(new DriftObserved(saga.CorrelationId, saga.Version - 1,
            [new DriftFinding(StageNames.Role, "r", "missing", [])], DateTimeOffset.UtcNow, Repair: true));
        await Eventually.TrueAsync(() => Consumed(host) > consumed, "the saga consumed the observation");

        Assert.Empty(DriftEvents(host, request.Environment));
        var after = await host.LoadAsync(request.Environment);
        Assert.Equal((saga.Version, saga.UpdatedAt), (after.Version, after.UpdatedAt));
        Assert.Equal(1, host.Role.Count);
    }

    [Fact]
    public async Task Observation_ArrivesDuringARun_DroppedAndTheRunsResumeStaysCurrent()
    {
        var (host, request) = await ProvisionedAsync();
        await using var _ = host;
        host.Role.DeleteAllByHand();
        var hold = host.Role.HoldCreate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await host.Bus.Publish(new ProvisionEnvironment(Guid.NewGuid(), request));
        await Eventually.TrueAsync(() => host.Role.HeldCreates == 1, "a reconcile in progress");
        await host.StoredAsync(request.Environment, 2);
        var running = await host.LoadAsync(request.Environment);
        var consumed = Consumed(host);

        await host.Bus.Publish(new DriftObserved(running.CorrelationId, running.Version, [new DriftFinding(StageNames.Role, "r", "missing", [])],
            DateTimeOffset.UtcNow, Repair: true));
        await Eventually.TrueAsync(() => Consumed(host) > consumed, "the saga consumed the observation");
        var after = await host.LoadAsync(request.Environment);
        hold.SetResult();

        Assert.Equal((running.Version, "Running"), (after.Version, after.CurrentState));
        Assert.Null(after.Drift);
        Assert.Empty(DriftEvents(host, request.Environment));
    }

    [Fact]
    public async Task Reconcile_AfterDriftReported_DriftRepairedByThatRun()
    {
        var (host, request) = await ProvisionedAsync();
        await using var _ = host;
        host.Role.ChangedByHand = ["max session duration: 43200, applied 3600"];
        await CheckAsync(host, request, repair: false);

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
