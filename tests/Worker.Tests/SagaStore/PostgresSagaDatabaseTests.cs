using Npgsql;
using Provisioner.Worker.SagaStore;
using Provisioner.Worker.Tests.Infrastructure;

namespace Provisioner.Worker.Tests.SagaStore;

[Collection(ProductionCollection.Name)]
public sealed class PostgresSagaDatabaseTests(PostgresServer server) : SagaTableTests
{
    private readonly List<PostgresSagaDatabase> opened = [];
    private string connectionString = "";

    public override async Task InitializeAsync()
    {
        connectionString = await server.CreateDatabaseAsync();
        await base.InitializeAsync();
    }

    protected override async Task<SagaTable> OpenAsync()
    {
        var database = new PostgresSagaDatabase(connectionString);
        opened.Add(database);
        await database.EnsureSchemaAsync(default);
        return new SagaTable(database);
    }

    public override async Task DisposeAsync()
    {
        foreach (var database in opened) await database.DisposeAsync();
    }

    [Fact]
    public async Task EnsureSchemaAsync_ManyReplicasAtOnce_AllSucceed()
    {
        var fresh = await server.CreateDatabaseAsync();
        var replicas = Enumerable.Range(0, 6).Select(_ => new PostgresSagaDatabase(fresh)).ToList();

        await Task.WhenAll(replicas.Select(r => r.EnsureSchemaAsync(default)));

        await using var connection = new NpgsqlConnection(fresh);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM provisioning_sagas", connection);
        Assert.Equal(0L, await count.ExecuteScalarAsync());
        foreach (var replica in replicas) await replica.DisposeAsync();
    }
}
