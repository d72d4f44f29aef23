namespace Provisioner.Worker.SagaStore;

/// <summary>An outbox row leased to this replica for one delivery attempt.</summary>
public sealed record ClaimedOutboxRow(long Id, OutboxRow Row, DateTimeOffset CreatedAt, int Attempts);
