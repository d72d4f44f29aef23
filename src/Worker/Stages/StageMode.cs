namespace Provisioner.Worker.Stages;

/// <summary>What a stage's activity does with its resource in this routing slip.</summary>
public enum StageMode
{
    /// <summary>Observe, then create or converge; compensation deletes what this request created.</summary>
    Ensure,

    /// <summary>Observe only (a stalled run being failed): compensation still deletes what this request created.</summary>
    Observe,

    /// <summary>The stage a stalled run is failed at: delete what this request created here, then fault.</summary>
    Abandon,

    /// <summary>Deprovisioning: delete what is ours, whichever request made it; never compensated.</summary>
    Remove,
}
