using System.Data.Common;
using Npgsql;

namespace Provisioner.Worker.SagaStore;

/// <summary>The saga table in PostgreSQL: shared by every replica, so several workers see one truth.</summary>
public sealed class PostgresSagaDatabase(string connectionString) : ISagaDatabase, IAsyncDisposable
{
    private const string UniqueViolation = "23505";

    // Any constant will do: it only has to be the same in every replica that creates the schema.
    private const long SchemaLockKey = 0x5A6A_7061_6761;

    private readonly NpgsqlDataSource dataSource = NpgsqlDataSource.Create(connectionString);

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await dataSource.OpenConnectionAsync(cancellationToken);

    /// <summary>Replicas starting together race on CREATE TABLE IF NOT EXISTS; an advisory lock makes them take turns.</summary>
    public async Task EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT pg_advisory_xact_lock({SchemaLockKey});\n{SagaTable.Schema}";
        await command.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public bool IsDuplicateKey(DbException exception) => exception is PostgresException { SqlState: UniqueViolation };

    public ValueTask DisposeAsync() => dataSource.DisposeAsync();
}
