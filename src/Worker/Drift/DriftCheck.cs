using MassTransit;
using Provisioner.Worker.Runs;
using Provisioner.Worker.Stages;
using Provisioner.Worker.StateMachine;

namespace Provisioner.Worker.Drift;

/// <summary>
/// Observes every resource of the applied plan through its stage's own observe path and reports what differs. It only
/// reads: nothing is created, changed or deleted. The schedule, the API and the <c>check</c> verb all come here.
/// </summary>
public sealed class DriftCheck(IServiceProvider services, IBus bus, TimeProvider clock)
{
    /// <returns>Null when there is nothing to compare with (no applied request) or a run is under way.</returns>
    public async Task<DriftReport?> CheckAsync(ProvisioningState saga, CancellationToken ct)
    {
        if (StatusWatch.InProgress(saga) || RunPlan.Applied(saga) is not { } plan) return null;
        var found = new List<StageDrift>();
        foreach (var stage in StageCatalogue.In(plan))
            if (await stage.CheckAsync(services, plan, saga.Environment, ct) is { } drift) found.Add(drift);
        return new DriftReport(saga.Environment, clock.GetUtcNow(), found);
    }

    /// <summary>
    /// Checks and hands what was found to the saga when it is news (other than what the saga last recorded) or, when
    /// <paramref name="repair"/> allows, something to repair: the saga reports it (events, status <c>drifted</c>) and
    /// re-applies the request. The same drift found again is not sent, so a quiet environment's saga is not written.
    /// </summary>
    public async Task<DriftReport?> CheckAndReportAsync(ProvisioningState saga, bool repair, CancellationToken ct)
    {
        if (await CheckAsync(saga, ct) is not { } report) return null;
        var findings = report.Findings;
        var news = !DriftRecord.Same(saga.Drift?.Findings ?? [], findings);
        var repairable = repair && findings.Count > 0 && findings.All(f => f.Kind != StageDrift.Foreign);
        if (news || repairable) await bus.Publish(new DriftObserved(saga.CorrelationId, saga.Version, findings, report.CheckedAt, repair), ct);
        return report;
    }
}
