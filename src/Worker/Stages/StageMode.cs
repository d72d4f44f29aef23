namespace Provisioner.Worker.Stages;

/// <summary>What a stage's activity does with its resource in this routing slip.</summary>
public enum StageMode
{
    /// <summary>Observe, then create or converge; compensation undoes what this run did (delete what it made, restore what it changed).</summary>
    Ensure,

    /// <summary>
    /// A drift repair: observe, then create or converge like <see cref="Ensure"/>, but what it puts back stays when a later
    /// stage fails: compensation keeps it (undoing a repair would put the hand change back).
    /// </summary>
    Repair,

    /// <summary>Observe only (a stalled run being failed): compensation still undoes what this run did.</summary>
    Observe,

    /// <summary>The stage a stalled run is failed at: undo what this run did here, then fault.</summary>
    Abandon,

    /// <summary>Deprovisioning: delete what is ours, whichever run made it; never compensated.</summary>
    Remove,

    /// <summary>After a successful reconcile: remove a resource the run replaced (a renamed one); never fails the run.</summary>
    Prune,
}
