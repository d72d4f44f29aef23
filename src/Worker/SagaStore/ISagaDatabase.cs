using System.Data.Common;

namespace Provisioner.Worker.SagaStore;

/// <summary>What differs between the databases the saga table lives in: connections, schema and one SQL dialect detail.</summary>
public interface ISagaDatabase
{
    Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    Task EnsureSchemaAsync(CancellationToken cancellationToken);

    /// <summary>True when the exception says a row with that key already exists.</summary>
    bool IsDuplicateKey(DbException exception);
}
