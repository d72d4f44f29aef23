using System.Collections.Concurrent;
using System.Text.Json;
using Provisioner.Worker.Common;
using Provisioner.Worker.Helm;
using Provisioner.Worker.Planning;

namespace Provisioner.Worker.Stages.MilvusRelease;

/// <summary>
/// The Milvus release, installed with <c>helm upgrade --install</c>. Ownership is the marker in its values
/// (<see cref="OwnershipMarker"/>), reported as tags so <see cref="Reconciler"/> treats it like any other resource.
/// Observing reads <c>history</c> and <c>get values</c>, never <c>status</c>, which in Helm 4 fetches every live object.
/// Reads are retried on retryable errors; an install is not, because helm already waited out its own timeout.
/// </summary>
public sealed class HelmReleaseResource(HelmCli helm, BoundedRetry retry, ILogger<HelmReleaseResource> logger) : IResource<MilvusReleasePlan>
{
    public static readonly BoundedRetry DefaultRetry = new(4, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(5));

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly ConcurrentDictionary<(string Namespace, string Release), HelmRevision> current = new();

    public async Task<Observation> ObserveAsync(MilvusReleasePlan plan, string environment, CancellationToken ct)
    {
        var history = await HistoryAsync(plan, ct);
        if (history.Count == 0) return Observation.Missing;
        var values = await Retry(c => helm.GetValuesAsync(plan.Release, plan.Namespace, c), ct) ?? [];
        var tags = OwnershipMarker.Read(values);
        if (OwnershipTags.IsOwnedBy(tags, environment)) current[(plan.Namespace, plan.Release)] = history[^1];
        var last = history[^1];
        return Observation.Found(tags, ReleaseDrift.Of(plan, last, values), JsonSerializer.Serialize(new ReleaseState(last.Revision, last.Status), Json))
            with
        { Differences = ReleaseDrift.Describe(plan, last, values) };
    }

    public Task CreateAsync(MilvusReleasePlan plan, CancellationToken ct) => InstallAsync(plan, plan.Tags, ct);

    public async Task UpdateAsync(MilvusReleasePlan plan, Observation observed, CancellationToken ct)
    {
        IReadOnlyDictionary<string, string> owner = KeepCreator(plan.Tags, observed.Tags);
        // Nothing of the old release is left after an uninstall: the release installed next is this request's own.
        if (await RecoverAsync(plan, ct) == RecoveryAction.Uninstall) owner = plan.Tags;
        await InstallAsync(plan, owner, ct);
    }

    /// <summary>Back to the revision that was there before the upgrade, with helm's own rollback (a new revision, as helm does it).</summary>
    public async Task<string> RestoreAsync(MilvusReleasePlan plan, string state, CancellationToken ct)
    {
        var before = JsonSerializer.Deserialize<ReleaseState>(state, Json)!;
        if (before.Status != HelmStatuses.Deployed)
            return $"revision {before.Revision} was {before.Status}, not deployed: the release is left at the revision this run installed";
        var history = await HistoryAsync(plan, ct);
        if (history is [.., var last] && last.Revision == before.Revision) return $"already at revision {before.Revision}";
        await helm.RollbackAsync(plan.Release, plan.Namespace, before.Revision, ct);
        if (await HistoryAsync(plan, ct) is [.., var rolled]) current[(plan.Namespace, plan.Release)] = rolled;
        return $"rolled back to revision {before.Revision}";
    }

    public async Task DeleteAsync(MilvusReleasePlan plan, CancellationToken ct)
    {
        await Retry(c => helm.UninstallAsync(plan.Release, plan.Namespace, c), ct);
        current.TryRemove((plan.Namespace, plan.Release), out _);
    }

    /// <summary>From the plan, plus the chart and app version of the revision last observed or installed, when known.</summary>
    public IReadOnlyDictionary<string, string> Outputs(MilvusReleasePlan plan)
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

    private async Task<RecoveryAction> RecoverAsync(MilvusReleasePlan plan, CancellationToken ct)
    {
        var history = await HistoryAsync(plan, ct);
        var recovery = PendingRecovery.Decide(history);
        if (recovery.Action == RecoveryAction.None) return RecoveryAction.None;
        logger.LogWarning("Release {Release} in {Namespace} is stuck in {HelmStatus}; recovering by {Recovery} {Revision}",
            plan.Release, plan.Namespace, history[^1].Status, recovery.Action, recovery.Revision);
        if (recovery.Action == RecoveryAction.Rollback)
            await helm.RollbackAsync(plan.Release, plan.Namespace, recovery.Revision!.Value, ct);
        else
            await helm.UninstallAsync(plan.Release, plan.Namespace, ct);
        return recovery.Action;
    }

    private async Task InstallAsync(MilvusReleasePlan plan, IReadOnlyDictionary<string, string> owner, CancellationToken ct)
    {
        await helm.UpgradeInstallAsync(plan, OwnershipMarker.Apply(plan.Values, owner).ToJsonString(), ct);
        if (await HistoryAsync(plan, ct) is [.., var installed]) current[(plan.Namespace, plan.Release)] = installed;
    }

    private Task<IReadOnlyList<HelmRevision>> HistoryAsync(MilvusReleasePlan plan, CancellationToken ct) =>
        Retry(c => helm.HistoryAsync(plan.Release, plan.Namespace, c), ct);

    private Task<T> Retry<T>(Func<CancellationToken, Task<T>> read, CancellationToken ct) =>
        retry.ExecuteAsync(read, HelmException.IsRetryable, ct);

    /// <summary>A reconcile never rewrites who created the release, so its compensation cannot mistake it for its own.</summary>
    private static Dictionary<string, string> KeepCreator(IReadOnlyDictionary<string, string> planned, IReadOnlyDictionary<string, string>? observed)
    {
        var tags = new Dictionary<string, string>(planned, StringComparer.Ordinal);
        if (observed is not null && observed.TryGetValue(OwnershipTags.RunId, out var creator)) tags[OwnershipTags.RunId] = creator;
        return tags;
    }
}
