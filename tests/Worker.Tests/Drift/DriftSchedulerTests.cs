using System.Diagnostics;
using Provisioner.Contracts;
using Provisioner.Worker.Drift;
using Provisioner.Worker.Planning;
using Provisioner.Worker.Tests.Infrastructure;
using Provisioner.Worker.Tests.StateMachine;

namespace Provisioner.Worker.Tests.Drift;

/// <summary>
/// The scheduled pass (issue 17) on the real store (SQLite here; the claim on PostgreSQL too, in the saga table tests):
/// spread across replicas without checking one environment twice, never during a run, opted out per environment,
/// paced, and due again only after its interval.
/// </summary>
public sealed class DriftSchedulerTests
{
    private static readonly DriftOptions Hourly = new() { Mode = DriftMode.Report, Interval = TimeSpan.FromHours(1), MaxChecksPerMinute = 6000 };

    /// <summary>Every scheduled environment due now (a first check is otherwise due at a random point of the interval).</summary>
    private static async Task DueNowAsync(SagaTestHost host, IEnumerable<EnvironmentRequest> requests)
    {
        foreach (var request in requests)
            await host.DriftSchedule.ScheduleAsync(ResourceNames.CorrelationId(request.Environment), DateTimeOffset.UtcNow.AddSeconds(-1), default);
    }

    [Fact]
    public async Task Sweep_TwoReplicasAtOnce_EachEnvironmentCheckedOnceThenNotAgainWithinTheInterval()
    {
        var database = Path.Combine(Path.GetTempPath(), $"saga-{Guid.NewGuid():N}.db");
        await using var a = await SagaTestHost.StartAsync(database);
        await using var b = await SagaTestHost.StartAsync(database, sameCloudAs: a);
        var requests = Enumerable.Range(0, 8).Select(_ => SagaRequests.Valid()).ToList();
        foreach (var request in requests) Assert.IsType<EnvironmentProvisioned>(await a.ProvisionAsync(request));
        await DueNowAsync(a, requests);
        var observed = requests.ToDictionary(r => r.Environment, r => a.Bucket.ObservationsOf(r.Environment));

        var counts = await Task.WhenAll(a.DriftScheduler(Hourly).SweepOnceAsync(default), b.DriftScheduler(Hourly).SweepOnceAsync(default));
        var again = await Task.WhenAll(a.DriftScheduler(Hourly).SweepOnceAsync(default), b.DriftScheduler(Hourly).SweepOnceAsync(default));

        Assert.Equal(requests.Count, counts.Sum());
        Assert.All(requests, r => Assert.Equal(observed[r.Environment] + 1, a.Bucket.ObservationsOf(r.Environment)));
        Assert.Equal(0, again.Sum());
        var due = await a.DriftSchedule.DueTimesAsync(default);
        Assert.All(requests, r => Assert.InRange(due[ResourceNames.CorrelationId(r.Environment)] - DateTimeOffset.UtcNow,
            TimeSpan.FromMinutes(50), TimeSpan.FromMinutes(67)));
    }

    [Fact]
    public async Task Sweep_RunUnderWayAndOptedOut_NeitherChecked()
    {
        await using var host = await SagaTestHost.StartAsync();
        var optedOut = SagaRequests.Valid() with { Drift = "off" };
        Assert.IsType<EnvironmentProvisioned>(await host.ProvisionAsync(optedOut));
        var running = SagaRequests.Valid();
        Assert.IsType<EnvironmentProvisioned>(await host.ProvisionAsync(running));
        var hold = host.Role.HoldCreate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        host.Role.DeleteAllByHand(); // the reconcile below has the role to create, and waits there
        await host.Bus.Publish(new ProvisionEnvironment(Guid.NewGuid(), running));
        await Eventually.TrueAsync(() => host.Role.HeldCreates == 1, "a reconcile in progress");
        await DueNowAsync(host, [optedOut, running]);
        var before = (host.Bucket.ObservationsOf(optedOut.Environment), host.Bucket.ObservationsOf(running.Environment));

        var checkedNow = await host.DriftScheduler(Hourly).SweepOnceAsync(default);
        hold.SetResult();

        Assert.Equal(0, checkedNow);
        Assert.Equal(before, (host.Bucket.ObservationsOf(optedOut.Environment), host.Bucket.ObservationsOf(running.Environment)));
    }

    [Fact]
    public async Task Sweep_ReportOptOutUnderRepairMode_ReportedNotRepaired()
    {
        await using var host = await SagaTestHost.StartAsync();
        var request = SagaRequests.Valid() with { Drift = "report" };
        Assert.IsType<EnvironmentProvisioned>(await host.ProvisionAsync(request));
        host.Role.DeleteAllByHand();
        await DueNowAsync(host, [request]);

        Assert.Equal(1, await host.DriftScheduler(Hourly with { Mode = DriftMode.Repair }).SweepOnceAsync(default));
        await Eventually.TrueAsync(() => host.Harness.Consumed.Select<DriftObserved>().Any(), "the saga consumed the observation");

        Assert.Single(host.Events.Events.OfType<EnvironmentDriftDetected>());
        Assert.Equal(0, host.Role.Count);
        Assert.DoesNotContain(host.Events.Events.OfType<EnvironmentRunStarted>(), e => e.Reconcile);
        Assert.Empty(host.Events.Events.OfType<EnvironmentDriftRepaired>());
    }

    [Fact]
    public async Task Sweep_Paced_NoMoreThanMaxChecksPerMinute()
    {
        await using var host = await SagaTestHost.StartAsync();
        var requests = Enumerable.Range(0, 4).Select(_ => SagaRequests.Valid()).ToList();
        foreach (var request in requests) Assert.IsType<EnvironmentProvisioned>(await host.ProvisionAsync(request));
        await DueNowAsync(host, requests);
        var clock = Stopwatch.StartNew();

        var checkedNow = await host.DriftScheduler(Hourly with { MaxChecksPerMinute = 200 }).SweepOnceAsync(default); // one each 300 ms

        Assert.Equal(4, checkedNow);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(850), $"4 checks in {clock.Elapsed}");
    }

    [Fact]
    public async Task Run_ShortInterval_DriftReportedWithinOneInterval()
    {
        await using var host = await SagaTestHost.StartAsync();
        var request = SagaRequests.Valid();
        Assert.IsType<EnvironmentProvisioned>(await host.ProvisionAsync(request));
        host.Policy.ChangedByHand = ["document: Action s3:* added"];
        var scheduler = host.DriftScheduler(Hourly with { Interval = TimeSpan.FromSeconds(1), SweepInterval = TimeSpan.FromMilliseconds(100) });
        var clock = Stopwatch.StartNew();

        await scheduler.StartAsync(default);
        try
        {
            await Eventually.TrueAsync(() => host.Events.Events.OfType<EnvironmentDriftDetected>().Any(), "drift reported");
        }
        finally
        {
            await scheduler.StopAsync(default);
        }

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"reported after {clock.Elapsed}"); // an interval of 1 s, on a loaded machine
        var finding = Assert.Single(host.Events.Events.OfType<EnvironmentDriftDetected>().Single().Drift);
        Assert.Equal((StageNames.AccessPolicy, "changed", "document: Action s3:* added"), (finding.Stage, finding.Kind, finding.Differences.Single()));
    }
}
