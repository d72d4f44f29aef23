using System.Data.Common;
using System.Text.Json;
using MassTransit;
using Provisioner.Worker.Runs;
using Provisioner.Worker.StateMachine;

namespace Provisioner.Worker.SagaStore;

/// <summary>
/// The sagas as rows: the state as JSON plus a few columns to query by. Optimistic concurrency: every write names the
/// version it read; a write that changes no row lost a race and throws <see cref="ConcurrencyException"/>, and nothing
/// of it is kept — the saga's <see cref="SagaWrites"/> (requests, outbox rows, forgotten intents) go in the same transaction.
/// </summary>
public sealed class SagaTable(ISagaDatabase database, OutboxSignal? signal = null, SagaChangeSignal? changes = null)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private const string Columns = "correlation_id, version, state, environment, request_id, data, updated_at";

    public ISagaDatabase Database => database;

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

    /// <summary>The record of a request id the environment accepted before, or null.</summary>
    public async Task<RequestRecord?> FindRequestAsync(Guid correlationId, Guid requestId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await SagaWritesSql.FindRequestAsync(connection, correlationId, requestId, cancellationToken);
    }

    public async Task InsertAsync(ProvisioningState saga, CancellationToken cancellationToken)
    {
        saga.Version = 1;
        try
        {
            await WriteAsync($"INSERT INTO provisioning_sagas ({Columns}) VALUES (@id, @version, @state, @environment, @request, @data, @updated)",
                saga, null, cancellationToken);
        }
        catch (DbException ex) when (database.IsDuplicateKey(ex))
        {
            throw new ConcurrencyException("Saga already exists", typeof(ProvisioningState), saga.CorrelationId, ex);
        }
    }

    /// <summary>
    /// Writes the saga under the version it was read with. A message that changed nothing (an event the state machine
    /// ignored, a stale observation) writes nothing: the version stays, so a resume or an observation that names it is
    /// still current, and the row's update time still says when the run last made progress.
    /// </summary>
    public async Task UpdateAsync(ProvisioningState saga, CancellationToken cancellationToken)
    {
        if (saga.Stored is { } stored && saga.Pending.IsEmpty && stored == JsonSerializer.Serialize(saga, Json)) return;
        var expected = saga.Version;
        saga.Version = expected + 1;
        try
        {
            await WriteAsync("""
                UPDATE provisioning_sagas SET version = @version, state = @state, environment = @environment,
                    request_id = @request, data = @data, updated_at = @updated
                WHERE correlation_id = @id AND version = @expected
                """, saga, expected, cancellationToken);
        }
        catch
        {
            saga.Version = expected;
            throw;
        }
    }

    public async Task DeleteAsync(ProvisioningState saga, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM provisioning_sagas WHERE correlation_id = @id AND version = @expected";
        SagaWritesSql.Add(command, "@id", saga.CorrelationId.ToString());
        SagaWritesSql.Add(command, "@expected", saga.Version);
        if (await command.ExecuteNonQueryAsync(cancellationToken) == 0)
            throw new ConcurrencyException("Saga delete lost a race", typeof(ProvisioningState), saga.CorrelationId);
    }

    /// <summary>The saga row and everything pending beside it, in one transaction; a stale version writes nothing.</summary>
    private async Task WriteAsync(string sql, ProvisioningState saga, int? expected, CancellationToken cancellationToken)
    {
        saga.UpdatedAt = DateTimeOffset.UtcNow;
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = sql;
            SagaWritesSql.Add(command, "@id", saga.CorrelationId.ToString());
            SagaWritesSql.Add(command, "@version", saga.Version);
            SagaWritesSql.Add(command, "@state", saga.CurrentState);
            SagaWritesSql.Add(command, "@environment", saga.Environment);
            SagaWritesSql.Add(command, "@request", saga.Run.RequestId.ToString());
            SagaWritesSql.Add(command, "@data", JsonSerializer.Serialize(saga, Json));
            SagaWritesSql.Add(command, "@updated", saga.UpdatedAt.ToString("O"));
            if (expected is { } version) SagaWritesSql.Add(command, "@expected", version);
            if (await command.ExecuteNonQueryAsync(cancellationToken) == 0)
                throw new ConcurrencyException($"Saga version {expected} is stale", typeof(ProvisioningState), saga.CorrelationId);
        }
        var outbox = saga.Pending.Outbox.Count;
        await SagaWritesSql.WriteAsync(connection, transaction, saga.CorrelationId, saga.Pending, saga.UpdatedAt, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        saga.Pending.Clear();
        if (outbox > 0) signal?.Notify();
        changes?.Notify(saga.CorrelationId);
    }

    private async Task<IReadOnlyList<ProvisioningState>> QueryAsync(string where, CancellationToken cancellationToken,
        params (string Name, object Value)[] parameters)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT version, data FROM provisioning_sagas {where}";
        foreach (var (name, value) in parameters) SagaWritesSql.Add(command, name, value);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var sagas = new List<ProvisioningState>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var data = reader.GetString(1);
            var saga = JsonSerializer.Deserialize<ProvisioningState>(data, Json)!;
            saga.Version = reader.GetInt32(0); // the column is the truth, not the serialized copy
            saga.Stored = data; // what "unchanged" is compared with: written by the same serializer, version included
            sagas.Add(saga);
        }
        return sagas;
    }
}
