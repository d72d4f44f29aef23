using Provisioner.Worker.SagaStore;
using Provisioner.Worker.Tests.Infrastructure;

namespace Provisioner.Worker.Tests.Intake.Ticketing;

[Collection(ProductionCollection.Name)]
public sealed class PostgresReplayGuardTests(PostgresServer server) : ReplayGuardTests
{
    private readonly List<PostgresSagaDatabase> opened = [];
    private string connectionString = "";

    public override async Task InitializeAsync() => connectionString = await server.CreateDatabaseAsync();

    public override async Task DisposeAsync()
    {
        foreach (var database in opened) await database.DisposeAsync();
    }

    protected override async Task<ISagaDatabase> DatabaseAsync()
    {
        var database = new PostgresSagaDatabase(connectionString);
        opened.Add(database);
        await database.EnsureSchemaAsync(default);
        return database;
    }
}
