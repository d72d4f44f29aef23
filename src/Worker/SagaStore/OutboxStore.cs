using System.Globalization;

namespace Provisioner.Worker.SagaStore;

/// <summary>
/// The outbox: events bound for the SQS outlet and ticket callbacks, written with the saga state that produced them
/// (or on their own, for events no saga makes) and delivered from here at least once. A delivered row is deleted.
/// </summary>
public sealed class OutboxStore(ISagaDatabase database, OutboxSignal? signal = null)
{
    /// <summary>An event that no saga transaction carries (a request refused at the intake): written on its own.</summary>
    public async Task AppendAsync(IReadOnlyList<OutboxRow> rows, CancellationToken ct)
    {
        if (rows.Count == 0) return;
        await using var connection = await database.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var now = DateTimeOffset.UtcNow;
        foreach (var row in rows) await OutboxSql.InsertAsync(connection, transaction, row, now, ct);
        await transaction.CommitAsync(ct);
        signal?.Notify();
    }

    public async Task<IReadOnlyList<ClaimedOutboxRow>> ClaimAsync(string owner, TimeSpan lease, int limit, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = OutboxSql.Claim;
        SagaWritesSql.Add(command, "@owner", owner);
        SagaWritesSql.Add(command, "@until", (now + lease).ToString("O"));
        SagaWritesSql.Add(command, "@now", now.ToString("O"));
        SagaWritesSql.Add(command, "@limit", limit);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new List<ClaimedOutboxRow>();
        while (await reader.ReadAsync(ct))
            rows.Add(new ClaimedOutboxRow(reader.GetInt64(0),
                new OutboxRow(reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5),
                    reader.GetString(6), reader.IsDBNull(7) ? null : reader.GetString(7)),
                DateTimeOffset.Parse(reader.GetString(8), CultureInfo.InvariantCulture), reader.GetInt32(9)));
        return rows.OrderBy(r => r.Id).ToList();
    }

    /// <summary>Delivered, or given up on: the row goes.</summary>
    public Task CompleteAsync(ClaimedOutboxRow row, string owner, CancellationToken ct) =>
        ExecuteAsync(OutboxSql.Delete, ct, ("@id", row.Id), ("@owner", owner));

    /// <summary>Not delivered this time: the row stays at the head of its stream, tried again at <paramref name="next"/>.</summary>
    public Task RetryLaterAsync(ClaimedOutboxRow row, string owner, DateTimeOffset next, CancellationToken ct) =>
        ExecuteAsync(OutboxSql.Release, ct, ("@id", row.Id), ("@owner", owner), ("@next", next.ToString("O")));

    /// <summary>Rows not yet delivered (the backlog).</summary>
    public async Task<long> CountAsync(CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM provisioning_outbox";
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
    }

    private async Task ExecuteAsync(string sql, CancellationToken ct, params (string, object?)[] parameters)
    {
        await using var connection = await database.OpenAsync(ct);
        await SagaWritesSql.ExecuteAsync(connection, null, sql, ct, parameters);
    }
}
