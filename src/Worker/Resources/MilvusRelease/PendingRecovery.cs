using Provisioner.Worker.Helm;

namespace Provisioner.Worker.Resources.MilvusRelease;

/// <summary>
/// What to do with a release a dead helm process left in <c>pending-*</c> (helm refuses every later upgrade with
/// "another operation is in progress"). Pure, so the decision is tested without a cluster.
/// </summary>
public sealed record PendingRecovery(RecoveryAction Action, int? Revision)
{
    public static readonly PendingRecovery Nothing = new(RecoveryAction.None, null);

    public static PendingRecovery Decide(HelmReleaseStatus status, IReadOnlyList<HelmRevision> history)
    {
        if (!status.IsStuck) return Nothing;
        if (status.Status == HelmReleaseStatus.Uninstalling) return new(RecoveryAction.Uninstall, null);
        var earlier = history.Where(r => r.Revision < status.Revision).ToList();
        // A pending upgrade leaves the previous revision "deployed"; a rollback that died may have superseded it already.
        var target = earlier.LastOrDefault(r => r.Status == HelmReleaseStatus.Deployed)
            ?? earlier.LastOrDefault(r => r.Status == HelmReleaseStatus.Superseded);
        return target is null ? new(RecoveryAction.Uninstall, null) : new(RecoveryAction.Rollback, target.Revision);
    }
}
