using System.Data.Common;

namespace Provisioner.Worker.SagaStore;

/// <summary>What differs between the databases the saga store lives in: connections, schema and SQL dialect details.</summary>
public interface ISagaDatabase
{
    Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    Task EnsureSchemaAsync(CancellationToken cancellationToken);

    /// <summary>True when the exception says a row with that key already exists.</summary>
    bool IsDuplicateKey(DbException exception);

    /// <summary>An auto-numbered 64-bit primary key column's type and constraint.</summary>
    string SerialPrimaryKey { get; }
}
