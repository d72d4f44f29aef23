using Provisioner.Worker.Helm;

namespace Provisioner.Worker.Stages.MilvusRelease;

/// <summary>
/// What to do with a release a dead helm process left in <c>pending-*</c> (helm refuses every later upgrade with
/// "another operation is in progress"). Pure, so the decision is tested without a cluster.
/// </summary>
public sealed record PendingRecovery(RecoveryAction Action, int? Revision)
{
    public static readonly PendingRecovery Nothing = new(RecoveryAction.None, null);

    /// <param name="history">Oldest first, as <c>helm history</c> prints it; the last row is the current revision.</param>
    public static PendingRecovery Decide(IReadOnlyList<HelmRevision> history)
    {
        if (history.Count == 0 || !history[^1].IsStuck) return Nothing;
        var current = history[^1];
        if (current.Status == HelmStatuses.Uninstalling) return new(RecoveryAction.Uninstall, null);
        var earlier = history.Where(r => r.Revision < current.Revision).ToList();
        // A pending upgrade leaves the previous revision "deployed"; a rollback that died may have superseded it already.
        var target = earlier.LastOrDefault(r => r.Status == HelmStatuses.Deployed)
            ?? earlier.LastOrDefault(r => r.Status == HelmStatuses.Superseded);
        return target is null ? new(RecoveryAction.Uninstall, null) : new(RecoveryAction.Rollback, target.Revision);
    }
}
