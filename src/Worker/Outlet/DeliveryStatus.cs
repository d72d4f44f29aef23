namespace Provisioner.Worker.Outlet;

public enum DeliveryStatus
{
    /// <summary>The destination has it: the row is deleted.</summary>
    Delivered,

    /// <summary>Not this time: the row stays at the head of its stream and is tried again after a backoff.</summary>
    Retry,

    /// <summary>Never: refused for good, or too old to matter; the row is deleted and the loss logged.</summary>
    GiveUp,
}
