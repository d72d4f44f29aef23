using Provisioner.Contracts;
using Provisioner.Worker.Outlet.Ticketing;
using Provisioner.Worker.Planning;
using Provisioner.Worker.Runs;
using Provisioner.Worker.SagaStore;
using Provisioner.Worker.StateMachine;

namespace Provisioner.Worker.Tests.Outlet.Ticketing;

public sealed class TicketDirectoryTests : IAsyncLifetime
{
    private static readonly TicketReference Ticket = new() { System = "jira", Key = "OPS-9", CallbackUrl = "https://hooks.example.com/ops-9" };

    private readonly string path = Path.Combine(Path.GetTempPath(), $"tickets-{Guid.NewGuid():N}.db");
    private SagaTable table = null!;

    public async Task InitializeAsync()
    {
        var database = new SqliteSagaDatabase($"Data Source={path}");
        await database.EnsureSchemaAsync(default);
        table = new SagaTable(database);
    }

    public Task DisposeAsync()
    {
        foreach (var file in new[] { path, path + "-wal", path + "-shm" }) File.Delete(file);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task FindAsync_Remembered_TicketWithoutAskingTheStore()
    {
        var directory = new TicketDirectory();
        var id = Guid.NewGuid();
        directory.Remember(id, Ticket);

        Assert.Equal(Ticket, await directory.FindAsync(id, "tenant-a", default));
    }

    [Fact]
    public async Task FindAsync_RunPublishedElsewhere_TicketFromTheSagaStore()
    {
        var id = await SeedAsync("tenant-b");

        Assert.Equal(Ticket, await new TicketDirectory(table).FindAsync(id, "tenant-b", default));
    }

    [Fact]
    public async Task FindAsync_OtherRequestOfThatEnvironment_NoTicket()
    {
        await SeedAsync("tenant-c");

        Assert.Null(await new TicketDirectory(table).FindAsync(Guid.NewGuid(), "tenant-c", default));
    }

    private async Task<Guid> SeedAsync(string environment)
    {
        var id = Guid.NewGuid();
        await table.InsertAsync(new ProvisioningState
        {
            CorrelationId = ResourceNames.CorrelationId(environment),
            CurrentState = "Running",
            Environment = environment,
            Run = new Run { RequestId = id },
            Request = new EnvironmentRequest { Environment = environment, Ticket = Ticket },
        }, default);
        return id;
    }
}
