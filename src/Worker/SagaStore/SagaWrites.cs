using Provisioner.Worker.Runs;

namespace Provisioner.Worker.SagaStore;

/// <summary>
/// What one message's handling adds beside the saga row, written by <see cref="SagaTable"/> in the same transaction:
/// accepted requests and their outcomes, outgoing events, intent records no longer needed. Never serialized.
/// </summary>
public sealed class SagaWrites
{
    public List<RequestRecord> Requests { get; } = [];

    public List<OutboxRow> Outbox { get; } = [];

    /// <summary>Runs whose intent records are done with (the run ended and nothing is left half-made).</summary>
    public List<Guid> ForgetIntentsOf { get; } = [];

    public bool IsEmpty => Requests.Count == 0 && Outbox.Count == 0 && ForgetIntentsOf.Count == 0;

    public void Clear()
    {
        Requests.Clear();
        Outbox.Clear();
        ForgetIntentsOf.Clear();
    }
}
