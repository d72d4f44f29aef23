using System.Data.Common;

namespace Provisioner.Worker.SagaStore;

/// <summary>The outbox table's SQL (see <see cref="OutboxStore"/>).</summary>
internal static class OutboxSql
{
    public static Task InsertAsync(DbConnection connection, DbTransaction? transaction, OutboxRow row, DateTimeOffset now, CancellationToken ct) =>
        SagaWritesSql.ExecuteAsync(connection, transaction, """
            INSERT INTO provisioning_outbox (stream, destination, environment, event_id, event_type, payload, target, created_at, attempts, next_attempt_at)
            VALUES (@stream, @destination, @environment, @eventId, @eventType, @payload, @target, @now, 0, @now)
            """, ct, ("@stream", row.Stream), ("@destination", row.Destination), ("@environment", row.Environment), ("@eventId", row.EventId),
            ("@eventType", row.EventType), ("@payload", row.Payload), ("@target", row.Target), ("@now", now.ToString("O")));

    /// <summary>
    /// Leases the oldest undelivered row of each stream whose head nobody holds (or whose holder's lease ran out: a replica
    /// that died), so every stream is delivered in order and by one replica at a time.
    /// </summary>
    public const string Claim = """
        UPDATE provisioning_outbox SET lease_owner = @owner, lease_until = @until
        WHERE id IN (
            SELECT o.id FROM provisioning_outbox o
            WHERE o.next_attempt_at <= @now AND (o.lease_until IS NULL OR o.lease_until < @now)
              AND NOT EXISTS (SELECT 1 FROM provisioning_outbox p WHERE p.stream = o.stream AND p.id < o.id)
            ORDER BY o.id LIMIT @limit)
          AND (lease_until IS NULL OR lease_until < @now)
        RETURNING id, stream, destination, environment, event_id, event_type, payload, target, created_at, attempts
        """;

    public const string Delete = "DELETE FROM provisioning_outbox WHERE id = @id AND lease_owner = @owner";

    public const string Release = """
        UPDATE provisioning_outbox SET attempts = attempts + 1, next_attempt_at = @next, lease_owner = NULL, lease_until = NULL
        WHERE id = @id AND lease_owner = @owner
        """;
}
