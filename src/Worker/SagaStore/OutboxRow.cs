namespace Provisioner.Worker.SagaStore;

/// <summary>
/// One event for one destination, written in the same transaction as the saga state that produced it. Rows of a
/// <paramref name="Stream"/> (destination and environment) are delivered in the order they were written.
/// <paramref name="Target"/> is the destination's address data (a ticket's callback), as JSON; null for the SQS outlet.
/// </summary>
public sealed record OutboxRow(string Stream, string Destination, string Environment, string EventId, string EventType, string Payload,
    string? Target);
