namespace Provisioner.Worker.SagaStore;

/// <summary>
/// When each environment's next drift check is due, and which replica holds it while checking. Claiming is one
/// conditional update, so of two replicas that want the same environment at once exactly one gets it, and a check done
/// moves the due time on, so the other does not check it again within the interval. A replica that dies holding an
/// environment frees it when its lease runs out.
/// </summary>
public sealed class DriftSchedule(ISagaDatabase database)
{
    /// <summary>Schedules an environment seen for the first time; one already scheduled keeps its due time.</summary>
    public Task ScheduleAsync(Guid correlationId, DateTimeOffset due, CancellationToken ct) => ExecuteAsync("""
        INSERT INTO provisioning_drift_checks (correlation_id, next_due) VALUES (@id, @due)
        ON CONFLICT (correlation_id) DO NOTHING
        """, ct, ("@id", correlationId.ToString()), ("@due", Stamp(due)));

    /// <returns>True when this replica now holds the environment: its check was due and nobody else held it.</returns>
    public async Task<bool> TryClaimAsync(Guid correlationId, string owner, DateTimeOffset now, TimeSpan lease, CancellationToken ct) =>
        await ExecuteAsync("""
            UPDATE provisioning_drift_checks SET lease_owner = @owner, lease_until = @until
            WHERE correlation_id = @id AND next_due <= @now AND (lease_until IS NULL OR lease_until < @now)
            """, ct, ("@id", correlationId.ToString()), ("@owner", owner), ("@now", Stamp(now)), ("@until", Stamp(now + lease))) == 1;

    /// <summary>The check is done (or failed): the environment is free again, next due at <paramref name="next"/>.</summary>
    public Task CompleteAsync(Guid correlationId, string owner, DateTimeOffset checkedAt, DateTimeOffset next, CancellationToken ct) => ExecuteAsync("""
        UPDATE provisioning_drift_checks SET next_due = @next, last_checked = @checked, lease_owner = NULL, lease_until = NULL
        WHERE correlation_id = @id AND lease_owner = @owner
        """, ct, ("@id", correlationId.ToString()), ("@owner", owner), ("@checked", Stamp(checkedAt)), ("@next", Stamp(next)));

    /// <summary>Every environment's next due time (for tests and operators).</summary>
    public async Task<IReadOnlyDictionary<Guid, DateTimeOffset>> DueTimesAsync(CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT correlation_id, next_due FROM provisioning_drift_checks";
        await using var reader = await command.ExecuteReaderAsync(ct);
        var due = new Dictionary<Guid, DateTimeOffset>();
        while (await reader.ReadAsync(ct))
            due[Guid.Parse(reader.GetString(0))] = DateTimeOffset.Parse(reader.GetString(1), System.Globalization.CultureInfo.InvariantCulture);
        return due;
    }

    /// <summary>UTC, fixed width: the columns compare as text in both databases.</summary>
    private static string Stamp(DateTimeOffset time) => time.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", System.Globalization.CultureInfo.InvariantCulture);

    private async Task<int> ExecuteAsync(string sql, CancellationToken ct, params (string, object?)[] parameters)
    {
        await using var connection = await database.OpenAsync(ct);
        return await SagaWritesSql.ExecuteAsync(connection, null, sql, ct, parameters);
    }
}
