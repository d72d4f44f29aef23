namespace Provisioner.Worker.Stages.MilvusRelease;

public enum RecoveryAction
{
    /// <summary>The release is not stuck: upgrade it as it is.</summary>
    None,

    /// <summary>Stuck after it had been deployed: go back to the last deployed revision, keeping the workload.</summary>
    Rollback,

    /// <summary>Stuck and never deployed (or stuck uninstalling): nothing worth keeping, remove it and install afresh.</summary>
    Uninstall,
}
