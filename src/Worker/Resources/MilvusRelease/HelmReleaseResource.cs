using System.Collections.Concurrent;
using Provisioner.Worker.Common;
using Provisioner.Worker.Helm;
using Provisioner.Worker.Planning;

namespace Provisioner.Worker.Resources.MilvusRelease;

/// <summary>
/// The Milvus release, installed with <c>helm upgrade --install</c>. Ownership is the marker in its values
/// (<see cref="OwnershipMarker"/>), reported as tags so <see cref="Reconciler"/> treats it like any other resource.
/// Reads are retried on retryable errors; an install is not, because helm already waited out its own timeout.
/// </summary>
public sealed class HelmReleaseResource(HelmCli helm, BoundedRetry retry, ILogger<HelmReleaseResource> logger) : IResource<HelmPlan>
{
    public static readonly BoundedRetry DefaultRetry = new(4, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(5));

    private readonly ConcurrentDictionary<(string Namespace, string Release), HelmRevision> current = new();

    public async Task<Observation> ObserveAsync(HelmPlan plan, string environment, CancellationToken ct)
    {
        var status = await StatusAsync(plan, ct);
        if (status is null) return Observation.Missing;
        var tags = OwnershipMarker.Read(status.Values);
        if (!OwnershipTags.IsOwnedBy(tags, environment)) return Observation.Found(tags, []);
        var history = await HistoryAsync(plan, ct);
        Remember(plan, history, status.Revision);
        return Observation.Found(tags, ReleaseDrift.Of(plan, status, history));
    }

    public Task CreateAsync(HelmPlan plan, CancellationToken ct) => InstallAsync(plan, plan.Tags, ct);

    public async Task UpdateAsync(HelmPlan plan, Observation observed, CancellationToken ct)
    {
        IReadOnlyDictionary<string, string> owner = KeepCreator(plan.Tags, observed.Tags);
        if (await RecoverAsync(plan, ct) == RecoveryAction.Uninstall) owner = plan.Tags;
        await InstallAsync(plan, owner, ct);
    }

    public async Task DeleteAsync(HelmPlan plan, CancellationToken ct)
    {
        await retry.ExecuteAsync(c => helm.UninstallAsync(plan.Release, plan.Namespace, c), HelmException.IsRetryable, ct);
        current.TryRemove((plan.Namespace, plan.Release), out _);
    }

    public IReadOnlyDictionary<string, string> Outputs(HelmPlan plan)
    {
        var outputs = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["release"] = plan.Release,
            ["namespace"] = plan.Namespace,
            ["chart"] = plan.Chart,
        };
        current.TryGetValue((plan.Namespace, plan.Release), out var revision);
        if ((revision?.ChartVersion ?? plan.Version) is { } chartVersion) outputs["chartVersion"] = chartVersion;
        if (revision?.AppVersion is { } appVersion) outputs["appVersion"] = appVersion;
        return outputs;
    }

    /// <summary>Unsticks a release left pending by a dead helm process; says what it did.</summary>
    private async Task<RecoveryAction> RecoverAsync(HelmPlan plan, CancellationToken ct)
    {
        if (await StatusAsync(plan, ct) is not { } status) return RecoveryAction.None;
        var recovery = PendingRecovery.Decide(status, await HistoryAsync(plan, ct));
        if (recovery.Action == RecoveryAction.None) return RecoveryAction.None;
        logger.LogWarning("Release {Release} in {Namespace} is stuck in {HelmStatus}; recovering by {Recovery} {Revision}",
            plan.Release, plan.Namespace, status.Status, recovery.Action, recovery.Revision);
        if (recovery.Action == RecoveryAction.Rollback)
            await helm.RollbackAsync(plan.Release, plan.Namespace, recovery.Revision!.Value, ct);
        else
            await helm.UninstallAsync(plan.Release, plan.Namespace, ct);
        return recovery.Action;
    }

    private async Task InstallAsync(HelmPlan plan, IReadOnlyDictionary<string, string> owner, CancellationToken ct)
    {
        var values = OwnershipMarker.Apply(plan.Values, owner).ToJsonString();
        await helm.UpgradeInstallAsync(plan, values, ct);
        var history = await HistoryAsync(plan, ct);
        if (history.Count > 0) Remember(plan, history, history[^1].Revision);
    }

    private Task<HelmReleaseStatus?> StatusAsync(HelmPlan plan, CancellationToken ct) =>
        retry.ExecuteAsync(c => helm.StatusAsync(plan.Release, plan.Namespace, c), HelmException.IsRetryable, ct);

    private Task<IReadOnlyList<HelmRevision>> HistoryAsync(HelmPlan plan, CancellationToken ct) =>
        retry.ExecuteAsync(c => helm.HistoryAsync(plan.Release, plan.Namespace, c), HelmException.IsRetryable, ct);

    private void Remember(HelmPlan plan, IReadOnlyList<HelmRevision> history, int revision)
    {
        if (history.LastOrDefault(r => r.Revision == revision) is { } row) current[(plan.Namespace, plan.Release)] = row;
    }

    /// <summary>A reconcile never rewrites who created the release, so its compensation cannot mistake it for its own.</summary>
    private static Dictionary<string, string> KeepCreator(IReadOnlyDictionary<string, string> planned, IReadOnlyDictionary<string, string>? observed)
    {
        var tags = new Dictionary<string, string>(planned, StringComparer.Ordinal);
        if (observed is not null && observed.TryGetValue(OwnershipTags.RequestId, out var creator)) tags[OwnershipTags.RequestId] = creator;
        return tags;
    }
}
