using Provisioner.Worker.Stages;
using Provisioner.Worker.StateMachine;

namespace Provisioner.Worker.Runs;

/// <summary>
/// Observes every resource of the applied plan through its stage's own observe path and reports what differs. It only
/// reads: nothing is created, changed or deleted.
/// </summary>
public sealed class DriftCheck(IServiceProvider services, TimeProvider clock)
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
}
