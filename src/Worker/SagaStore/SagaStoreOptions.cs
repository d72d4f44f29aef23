namespace Provisioner.Worker.SagaStore;

/// <summary>Bound from <c>SagaStore</c>: where the sagas live.</summary>
public sealed record SagaStoreOptions
{
    public const string Section = "SagaStore";

    /// <summary><c>Sqlite</c> (embedded default).</summary>
    public string Provider { get; init; } = "Sqlite";

    /// <summary>Default: a SQLite file under <c>data/</c> beside the working directory.</summary>
    public string ConnectionString { get; init; } = "Data Source=data/provisioner.db";
}
