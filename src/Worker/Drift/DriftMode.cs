namespace Provisioner.Worker.Drift;

/// <summary>What the scheduled drift check does with what it finds.</summary>
public enum DriftMode
{
    /// <summary>No scheduled check (<c>POST /environments/{e}/check</c> and the <c>check</c> verb still work).</summary>
    Off,

    /// <summary>Report: events, metrics and status <c>drifted</c>; nothing is changed.</summary>
    Report,

    /// <summary>Report, then re-apply the applied request through the saga (a reconcile run) unless a resource became foreign.</summary>
    Repair,
}
