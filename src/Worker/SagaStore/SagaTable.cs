using System.Data.Common;
using System.Text.Json;
using MassTransit;
using Provisioner.Worker.StateMachine;

namespace Provisioner.Worker.SagaStore;

/// <summary>
/// The sagas as rows: the state as JSON plus a few columns to query by. Optimistic concurrency: every write names
/// the version it read; a write that changes no row lost a race and throws <see cref="ConcurrencyException"/>.
/// </summary>
public sealed class SagaTable(ISagaDatabase database)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    /// <summary>The table, in SQL both SQLite and PostgreSQL accept; each database adds its own preamble.</summary>
    public const string Schema = """
        CREATE TABLE IF NOT EXISTS provisioning_sagas (
            correlation_id TEXT PRIMARY KEY,
            version INTEGER NOT NULL,
            state TEXT NOT NULL,
            environment TEXT NOT NULL,
            request_id TEXT NOT NULL,
            data TEXT NOT NULL,
            updated_at TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS ix_provisioning_sagas_state ON provisioning_sagas (state);
        """;

    private const string Columns = "correlation_id, version, state, environment, request_id, data, updated_at";

    public async Task<ProvisioningState?> LoadAsync(Guid correlationId, CancellationToken cancellationToken)
    {
        var rows = await QueryAsync("WHERE correlation_id = @id", cancellationToken, ("@id", correlationId.ToString()));
        return rows.SingleOrDefault();
    }

    public Task<IReadOnlyList<ProvisioningState>> ListAsync(string? state, CancellationToken cancellationToken) =>
        ListAsync(state is null ? null : [state], cancellationToken);

    /// <param name="states">Stored state names (<c>nameof</c> a state of the machine); null = every saga.</param>
    public Task<IReadOnlyList<ProvisioningState>> ListAsync(IReadOnlyList<string>? states, CancellationToken cancellationToken) => states is null
        ? QueryAsync("ORDER BY environment", cancellationToken)
        : QueryAsync($"WHERE state IN ({string.Join(", ", states.Select((_, i) => $"@state{i}"))}) ORDER BY environment", cancellationToken,
            states.Select((s, i) => ($"@state{i}", (object)s)).ToArray());

    public async Task InsertAsync(ProvisioningState saga, CancellationToken cancellationToken)
    {
        saga.Version = 1;
        try
        {
            await ExecuteAsync($"INSERT INTO provisioning_sagas ({Columns}) VALUES (@id, @version, @state, @environment, @request, @data, @updated)",
                saga, null, cancellationToken);
        }
        catch (DbException ex) when (database.IsDuplicateKey(ex))
        {
            throw new ConcurrencyException("Saga already exists", typeof(ProvisioningState), saga.CorrelationId, ex);
        }
    }

    public async Task UpdateAsync(ProvisioningState saga, CancellationToken cancellationToken)
    {
        var expected = saga.Version;
        saga.Version = expected + 1;
        var changed = await ExecuteAsync("""
            UPDATE provisioning_sagas SET version = @version, state = @state, environment = @environment,
                request_id = @request, data = @data, updated_at = @updated
            WHERE correlation_id = @id AND version = @expected
            """, saga, expected, cancellationToken);
        if (changed == 0)
        {
            saga.Version = expected;
            throw new ConcurrencyException($"Saga version {expected} is stale", typeof(ProvisioningState), saga.CorrelationId);
        }
    }

    public async Task DeleteAsync(ProvisioningState saga, CancellationToken cancellationToken)
    {
        if (await ExecuteAsync("DELETE FROM provisioning_sagas WHERE correlation_id = @id AND version = @expected", saga, saga.Version,
            cancellationToken) == 0)
            throw new ConcurrencyException("Saga delete lost a race", typeof(ProvisioningState), saga.CorrelationId);
    }

    private async Task<int> ExecuteAsync(string sql, ProvisioningState saga, int? expected, CancellationToken cancellationToken)
    {
        saga.UpdatedAt = DateTimeOffset.UtcNow;
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        Add(command, "@id", saga.CorrelationId.ToString());
        Add(command, "@version", saga.Version);
        Add(command, "@state", saga.CurrentState);
        Add(command, "@environment", saga.Environment);
        Add(command, "@request", saga.Run.RequestId.ToString());
        Add(command, "@data", JsonSerializer.Serialize(saga, Json));
        Add(command, "@updated", saga.UpdatedAt.ToString("O"));
        if (expected is { } version) Add(command, "@expected", version);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<IReadOnlyList<ProvisioningState>> QueryAsync(string where, CancellationToken cancellationToken,
        params (string Name, object Value)[] parameters)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT version, data FROM provisioning_sagas {where}";
        foreach (var (name, value) in parameters) Add(command, name, value);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var sagas = new List<ProvisioningState>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var saga = JsonSerializer.Deserialize<ProvisioningState>(reader.GetString(1), Json)!;
            saga.Version = reader.GetInt32(0); // the column is the truth, not the serialized copy
            sagas.Add(saga);
        }
        return sagas;
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
