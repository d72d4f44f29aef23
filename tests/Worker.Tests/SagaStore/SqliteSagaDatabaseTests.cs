using Provisioner.Worker.SagaStore;

namespace Provisioner.Worker.Tests.SagaStore;

public sealed class SqliteSagaDatabaseTests : SagaTableTests
{
    private readonly string path = Path.Combine(Path.GetTempPath(), $"sagatable-{Guid.NewGuid():N}.db");

    protected override async Task<SagaTable> OpenAsync()
    {
        var database = new SqliteSagaDatabase($"Data Source={path}");
        await database.EnsureSchemaAsync(default);
        return new SagaTable(database);
    }

    public override Task DisposeAsync()
    {
        foreach (var file in new[] { path, path + "-wal", path + "-shm" }) File.Delete(file);
        return Task.CompletedTask;
    }
}
