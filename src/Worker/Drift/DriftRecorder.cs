using MassTransit;
using Provisioner.Contracts;
using Provisioner.Worker.Outlet;
using Provisioner.Worker.Profiles;
using Provisioner.Worker.StateMachine;
using Provisioner.Worker.Telemetry;

namespace Provisioner.Worker.Drift;

/// <summary>
/// The saga's side of drift: an observation that is current (it read the saga's present version) and says something new
/// is recorded and published; drift reported before and found gone is published as repaired. Events go to the bus, the
/// outlet and the applied request's ticket.
/// </summary>
public static class DriftRecorder
{
    /// <summary>The observation read the saga as it is now, and there is an applied request it was compared with.</summary>
    public static bool IsCurrent(BehaviorContext<ProvisioningState, DriftObserved> c) =>
        c.Message.Version == c.Saga.Version && c.Saga.Applied is not null;

    /// <summary>Different from what was last reported (new drift, other drift, or none where there was some).</summary>
    public static bool IsNews(BehaviorContext<ProvisioningState, DriftObserved> c) =>
        IsCurrent(c) && !DriftRecord.Same(c.Saga.Drift?.Findings ?? [], c.Message.Findings);

    /// <summary>
    /// Repair mode, and a repair can help: something is missing or changed, nothing became foreign (someone else's now:
    /// reported, never touched), and what was applied is still within what the operator's profiles allow its tenant.
    /// </summary>
    public static bool Repairs(BehaviorContext<ProvisioningState, DriftObserved> c) =>
        IsCurrent(c) && c.Message.Repair && c.Message.Findings.Count > 0 && WhyNotRepaired(c) is null;

    /// <summary>Why drift found in repair mode is reported only; null when a repair may run.</summary>
    public static string? WhyNotRepaired(BehaviorContext<ProvisioningState, DriftObserved> c)
    {
        if (c.Saga.Applied!.Request.Drift is { } optOut) return $"the environment's request says drift: {optOut}";
        if (c.Message.Findings.Any(f => f.Kind == Stages.StageDrift.Foreign)) return "a resource is no longer ours (its tags were removed): it is never touched";
        var caller = new Caller("drift-repair", Tenancy.OwnerOf(c.Saga) ?? Caller.DefaultTenant, false);
        var problems = c.GetServiceOrCreateInstance<ProfileCatalog>().Problems(c.Saga.Applied.Request, caller);
        return problems.Count == 0 ? null
            : $"the applied request is no longer within what the operator's profiles allow tenant '{caller.Tenant}': {string.Join("; ", problems)}";
    }

    public static async Task Record(BehaviorContext<ProvisioningState, DriftObserved> c)
    {
        var (saga, m) = (c.Saga, c.Message);
        var before = saga.Drift?.Findings ?? [];
        if (DriftRecord.Same(before, m.Findings)) return;
        var ticket = saga.Applied?.Request.Ticket;
        if (m.Findings.Count == 0)
        {
            saga.Drift = null;
            foreach (var finding in before) ProvisionerMetrics.DriftCleared(finding.Stage, "by_hand");
            await c.PublishEvent(new EnvironmentDriftRepaired(saga.Environment, null, before, m.CheckedAt), ticket);
            return;
        }
        saga.Drift = new DriftRecord(m.Findings, m.CheckedAt);
        if (m.Repair && WhyNotRepaired(c) is { } why)
            c.GetServiceOrCreateInstance<ILogger<DriftObserved>>().LogWarning("Drift of {Environment} is reported, not repaired: {Reason}", saga.Environment, why);
        foreach (var finding in m.Findings.Where(f => !before.Contains(f, FindingComparer.Instance)))
            ProvisionerMetrics.DriftReported(finding.Stage, finding.Kind);
        await c.PublishEvent(new EnvironmentDriftDetected(saga.Environment, m.Findings, m.CheckedAt), ticket);
    }

    /// <summary>A run that applied the request again (a repair run, or any reconcile) repaired whatever drift was reported.</summary>
    public static async Task RepairedByRun(BehaviorContext<ProvisioningState> c, DateTimeOffset now)
    {
        var saga = c.Saga;
        if (saga.Drift is not { } drift) return;
        saga.Drift = null;
        foreach (var finding in drift.Findings) ProvisionerMetrics.DriftCleared(finding.Stage, "run");
        await c.PublishEvent(new EnvironmentDriftRepaired(saga.Environment, saga.Run.RequestId, drift.Findings, now), saga.Run.Request?.Ticket);
    }

    private sealed class FindingComparer : IEqualityComparer<DriftFinding>
    {
        public static readonly FindingComparer Instance = new();

        public bool Equals(DriftFinding? x, DriftFinding? y) => x is not null && y is not null && DriftRecord.Same([x], [y]);

        public int GetHashCode(DriftFinding obj) => HashCode.Combine(obj.Stage, obj.Resource, obj.Kind);
    }
}
