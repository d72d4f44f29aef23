using Provisioner.Worker.Helm;
using Provisioner.Worker.Stages.MilvusRelease;
using Provisioner.Worker.Tests.Helm;

namespace Provisioner.Worker.Tests.Stages.MilvusRelease;

public sealed class PendingRecoveryTests
{
    [Fact]
    public void Decide_PendingInstallNeverDeployed_Uninstall() =>
        Assert.Equal(new PendingRecovery(RecoveryAction.Uninstall, null), PendingRecovery.Decide(HelmRevision.ParseHistory(HelmSamples.HistoryPendingInstall)));

    [Fact]
    public void Decide_PendingUpgradeOverDeployedRevision_RollbackToIt() =>
        Assert.Equal(new PendingRecovery(RecoveryAction.Rollback, 2), PendingRecovery.Decide(HelmRevision.ParseHistory(HelmSamples.HistoryPendingUpgrade)));

    [Fact]
    public void Decide_Deployed_Nothing() =>
        Assert.Equal(PendingRecovery.Nothing, PendingRecovery.Decide(HelmRevision.ParseHistory(HelmSamples.HistoryDeployed)));

    [Theory]
    [InlineData("failed")]
    [InlineData("superseded")]
    public void Decide_FailedOrSettled_NothingBecauseUpgradeHandlesIt(string status) =>
        Assert.Equal(PendingRecovery.Nothing, PendingRecovery.Decide([Revision(1, "deployed"), Revision(2, status)]));

    [Fact]
    public void Decide_NoHistory_Nothing() => Assert.Equal(PendingRecovery.Nothing, PendingRecovery.Decide([]));

    [Fact]
    public void Decide_PendingRollbackAfterDeployedWasSuperseded_RollbackToLatestOnceDeployed() =>
        Assert.Equal(new PendingRecovery(RecoveryAction.Rollback, 3), PendingRecovery.Decide(
            [Revision(1, "superseded"), Revision(2, "failed"), Revision(3, "superseded"), Revision(4, "pending-rollback")]));

    [Fact]
    public void Decide_PendingUpgradeAfterOnlyFailures_Uninstall() =>
        Assert.Equal(new PendingRecovery(RecoveryAction.Uninstall, null), PendingRecovery.Decide([Revision(1, "failed"), Revision(2, "pending-upgrade")]));

    [Fact]
    public void Decide_StuckUninstalling_Uninstall() =>
        Assert.Equal(new PendingRecovery(RecoveryAction.Uninstall, null), PendingRecovery.Decide([Revision(1, "deployed"), Revision(2, "uninstalling")]));

    [Fact]
    public void Decide_DeployedRevisionAfterThePendingOne_Ignored() =>
        Assert.Equal(new PendingRecovery(RecoveryAction.Rollback, 1), PendingRecovery.Decide([Revision(1, "deployed"), Revision(3, "pending-upgrade")]));

    private static HelmRevision Revision(int revision, string status) => new(revision, status, "milvus", "5.0.19", "2.6.15", null);
}
