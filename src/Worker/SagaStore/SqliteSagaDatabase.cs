using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Provisioner.Worker.SagaStore;

public sealed class SqliteSagaDatabase(string connectionString) : ISagaDatabase
{
    private const int SqliteConstraint = 19;

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA busy_timeout = 5000;";
        await pragma.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }

    public async Task EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        var dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;
        var directory = Path.GetDirectoryName(Path.GetFullPath(dataSource));
        if (dataSource != ":memory:" && !string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA journal_mode = WAL;\n{SagaSchema.For(this)}";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public bool IsDuplicateKey(DbException exception) => exception is SqliteException { SqliteErrorCode: SqliteConstraint };

    public string SerialPrimaryKey => "INTEGER PRIMARY KEY AUTOINCREMENT";
}
