namespace Provisioner.Worker.SagaStore;

/// <summary>
/// Intent records in the saga store, written before the call they announce and committed on their own, so a process
/// killed right after the call still finds them. A run's records are dropped in the transaction that ends the run.
/// </summary>
public sealed class SqlIntentLog(ISagaDatabase database) : IIntentLog
{
    public Task RecordCreateAsync(ResourceKey key, CancellationToken ct) => InsertAsync(key, Intent.Create, null, ct);

    public Task RecordUpdateAsync(ResourceKey key, string? before, CancellationToken ct) => InsertAsync(key, Intent.Update, before, ct);

    public async Task<Intent?> FindAsync(ResourceKey key, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT action, before_state FROM provisioning_intents WHERE run_id = @run AND stage = @stage AND name = @name";
        SagaWritesSql.Add(command, "@run", key.RunId.ToString());
        SagaWritesSql.Add(command, "@stage", key.Stage);
        SagaWritesSql.Add(command, "@name", key.Name);
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? new Intent(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1)) : null;
    }

    public async Task<bool> WasBeingCreatedAsync(ResourceKey key, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT COUNT(*) FROM provisioning_intents
            WHERE environment = @environment AND stage = @stage AND name = @name AND action = @create
            """;
        SagaWritesSql.Add(command, "@environment", key.Environment);
        SagaWritesSql.Add(command, "@stage", key.Stage);
        SagaWritesSql.Add(command, "@name", key.Name);
        SagaWritesSql.Add(command, "@create", Intent.Create);
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    private async Task InsertAsync(ResourceKey key, string action, string? before, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await SagaWritesSql.ExecuteAsync(connection, null, """
            INSERT INTO provisioning_intents (run_id, stage, name, environment, action, before_state, recorded_at)
            VALUES (@run, @stage, @name, @environment, @action, @before, @now)
            ON CONFLICT (run_id, stage, name) DO NOTHING
            """, ct, ("@run", key.RunId.ToString()), ("@stage", key.Stage), ("@name", key.Name), ("@environment", key.Environment),
            ("@action", action), ("@before", before), ("@now", DateTimeOffset.UtcNow.ToString("O")));
    }
}
