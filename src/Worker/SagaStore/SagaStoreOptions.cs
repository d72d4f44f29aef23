namespace Provisioner.Worker.SagaStore;

/// <summary>Bound from <c>SagaStore</c>: where the sagas live.</summary>
public sealed record SagaStoreOptions
{
    public const string Section = "SagaStore";
    public const string Sqlite = "Sqlite";
    public const string Postgres = "Postgres";

    /// <summary><c>Sqlite</c> (embedded default, one process) or <c>Postgres</c> (production, shared by replicas).</summary>
    public string Provider { get; init; } = Sqlite;

    /// <summary>Default: a SQLite file under <c>data/</c> beside the working directory. Holds a password with Postgres: never logged.</summary>
    public string ConnectionString { get; init; } = "Data Source=data/provisioner.db";

    public ISagaDatabase CreateDatabase() => Provider == Postgres
        ? new PostgresSagaDatabase(ConnectionString)
        : new SqliteSagaDatabase(ConnectionString);
}
