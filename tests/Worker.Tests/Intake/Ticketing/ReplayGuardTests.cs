using Provisioner.Worker.Intake.Ticketing;
using Provisioner.Worker.SagaStore;
using Provisioner.Worker.Tests.Infrastructure;

namespace Provisioner.Worker.Tests.Intake.Ticketing;

/// <summary>The replay memory lives in the saga store: SQLite here, PostgreSQL in <see cref="PostgresReplayGuardTests"/>.</summary>
public class ReplayGuardTests : IAsyncLifetime
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    private readonly string path = Path.Combine(Path.GetTempPath(), $"replay-{Guid.NewGuid():N}.db");

    protected ManualClock Clock { get; } = new(DateTimeOffset.Parse("2026-12-01T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual Task DisposeAsync()
    {
        foreach (var file in new[] { path, path + "-wal", path + "-shm" }) File.Delete(file);
        return Task.CompletedTask;
    }

    /// <summary>A database with the schema; every call opens one more guard (a replica, or the same one after a restart) on it.</summary>
    protected virtual async Task<ISagaDatabase> DatabaseAsync()
    {
        var database = new SqliteSagaDatabase($"Data Source={path}");
        await database.EnsureSchemaAsync(default);
        return database;
    }

    private static async Task<long> RowsAsync(ISagaDatabase database)
    {
        await using var connection = await database.OpenAsync(default);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM provisioning_webhook_replays";
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task TryUseAsync_SameContentTwice_SecondRefused()
    {
        var guard = new ReplayGuard(await DatabaseAsync(), Clock);

        Assert.True(await guard.TryUseAsync("1764583200:ABC", Window, default));
        Assert.False(await guard.TryUseAsync("1764583200:ABC", Window, default));
        Assert.True(await guard.TryUseAsync("1764583200:DEF", Window, default));
    }

    [Fact]
    public async Task TryUseAsync_OtherReplicaOrAfterRestart_StillRefused()
    {
        var database = await DatabaseAsync();
        Assert.True(await new ReplayGuard(database, Clock).TryUseAsync("1764583200:ABC", Window, default));

        Assert.False(await new ReplayGuard(await DatabaseAsync(), Clock).TryUseAsync("1764583200:ABC", Window, default));
    }

    [Fact]
    public async Task TryUseAsync_AfterTwoWindows_ExpiredRowsDeleted()
    {
        var database = await DatabaseAsync();
        var guard = new ReplayGuard(database, Clock);
        for (var i = 0; i < 5; i++) Assert.True(await guard.TryUseAsync($"old:{i}", Window, default));

        Clock.Advance(Window * 2 + TimeSpan.FromSeconds(1));
        Assert.True(await guard.TryUseAsync("new:0", Window, default));

        Assert.Equal(1, await RowsAsync(database));
    }
}
