using Microsoft.Extensions.Options;
using Provisioner.Worker.SagaStore;
using Provisioner.Worker.StateMachine;
using Provisioner.Worker.Telemetry;

namespace Provisioner.Worker.Drift;

/// <summary>
/// The scheduled drift check, on every replica. Each sweep lists the environments at rest with an applied request,
/// claims the ones whose check is due (<see cref="DriftSchedule"/>: one replica per environment), observes them one at a
/// time at most <c>Drift:MaxChecksPerMinute</c>, and sends what it found to the saga, which reports it (and in repair mode
/// re-applies the request). A run, rotation or deprovisioning in progress is never checked; one that starts during a
/// check makes the observation stale, and the saga drops it.
/// </summary>
public sealed class DriftScheduler(SagaTable table, DriftSchedule schedule, DriftCheck check, IOptions<DriftOptions> options,
    TimeProvider clock, ILogger<DriftScheduler> logger) : BackgroundService
{
    /// <summary>The states a check looks at: provisioned, or after a failed reconcile (what was applied still stands).</summary>
    public static readonly string[] Checked = [nameof(ProvisioningStateMachine.Provisioned), nameof(ProvisioningStateMachine.RolledBack)];

    private readonly string owner = $"{System.Environment.MachineName}:{System.Environment.ProcessId}:{Guid.NewGuid():N}";
    private DateTimeOffset lastCheck = DateTimeOffset.MinValue;

    private DriftOptions Options => options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (Options.Mode == DriftMode.Off) return;
        using var timer = new PeriodicTimer(Options.SweepInterval, clock);
        do
        {
            try
            {
                await SweepOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Drift sweep failed; the next one is in {Interval}", Options.SweepInterval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <returns>How many environments this replica checked.</returns>
    public async Task<int> SweepOnceAsync(CancellationToken ct)
    {
        var checkedNow = 0;
        var due = await schedule.DueTimesAsync(ct);
        foreach (var saga in await table.ListAsync(Checked, ct))
        {
            if (saga.Applied is not { } applied || applied.Request.Drift == "off") continue;
            if (!due.TryGetValue(saga.CorrelationId, out var next))
            {
                // First seen: due at a random point of the next interval, so a fleet's checks spread out from the start.
                await schedule.ScheduleAsync(saga.CorrelationId, clock.GetUtcNow() + Options.Interval * Random.Shared.NextDouble(), ct);
                continue;
            }
            // Only an environment that looks due costs a write (the claim, which decides between replicas).
            if (next > clock.GetUtcNow() || !await schedule.TryClaimAsync(saga.CorrelationId, owner, clock.GetUtcNow(), Options.Lease, ct)) continue;
            await PaceAsync(ct);
            await CheckClaimedAsync(saga.CorrelationId, saga.Environment, ct);
            checkedNow++;
        }
        return checkedNow;
    }

    private async Task CheckClaimedAsync(Guid correlationId, string environment, CancellationToken stoppingToken)
    {
        var result = "failed";
        // A check ends well inside the lease, so no other replica takes the environment over while this one still checks it.
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        bounded.CancelAfter(Options.Lease * 0.8);
        var ct = bounded.Token;
        try
        {
            // Read again under the claim: the listing may be older than a run that started since, or a new request's opt-out.
            var saga = await table.LoadAsync(correlationId, ct);
            var drift = saga?.Applied?.Request.Drift;
            var repair = Options.Mode == DriftMode.Repair && drift is null;
            if (saga is null || drift == "off" || !Checked.Contains(saga.CurrentState) || await check.CheckAndReportAsync(saga, repair, ct) is not { } report)
            {
                result = "skipped";
                return;
            }
            result = report.InSync ? "in_sync" : "drifted";
            if (!report.InSync)
                logger.LogWarning("Drift in {Environment}: {Drift}", saga.Environment,
                    report.Drift.Select(d => $"{d.Stage} {d.Resource} {d.Kind}: {string.Join("; ", d.Differences)}"));
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            logger.LogWarning(ex, "Drift check of {Environment} failed; it is checked again in {Interval}", environment, Options.Interval);
        }
        finally
        {
            ProvisionerMetrics.DriftChecked(result);
            var now = clock.GetUtcNow();
            await schedule.CompleteAsync(correlationId, owner, now, now + Jittered(), CancellationToken.None);
        }
    }

    /// <summary>One check at a time, no more than <c>MaxChecksPerMinute</c>.</summary>
    private async Task PaceAsync(CancellationToken ct)
    {
        var spacing = TimeSpan.FromMinutes(1) / Options.MaxChecksPerMinute;
        var wait = lastCheck + spacing - clock.GetUtcNow();
        if (wait > TimeSpan.Zero) await Task.Delay(wait, clock, ct);
        lastCheck = clock.GetUtcNow();
    }

    private TimeSpan Jittered() => Options.Interval * (1 + Options.Jitter * (2 * Random.Shared.NextDouble() - 1));
}
