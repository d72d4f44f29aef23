namespace Provisioner.Worker.Helm;

/// <summary>Release statuses as helm prints them (the same in Helm 3 and 4).</summary>
public static class HelmStatuses
{
    public const string Deployed = "deployed";
    public const string Superseded = "superseded";
    public const string Failed = "failed";
    public const string PendingInstall = "pending-install";
    public const string PendingUpgrade = "pending-upgrade";
    public const string PendingRollback = "pending-rollback";
    public const string Uninstalling = "uninstalling";

    /// <summary>Left behind by a helm process that died mid-operation: every later upgrade is refused until it is recovered.</summary>
    public static bool IsStuck(string status) => status is PendingInstall or PendingUpgrade or PendingRollback or Uninstalling;
}
