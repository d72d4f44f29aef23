namespace Provisioner.Worker.Runs;

/// <summary>How slip steps that are not a stage's own run are named in events and status documents.</summary>
public static class SlipStepNames
{
    /// <summary><c>prune:bucket</c>: the resource a successful reconcile replaced, removed after verification.</summary>
    public const string PrunePrefix = "prune:";

    public static string Prune(string stage) => PrunePrefix + stage;
}
