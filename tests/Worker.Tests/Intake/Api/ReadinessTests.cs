using System.Net;
using Microsoft.Data.Sqlite;

namespace Provisioner.Worker.Tests.Intake.Api;

public sealed class ReadinessTests : IAsyncLifetime
{
    private ApiTestHost host = null!;

    public async Task InitializeAsync() => host = await ApiTestHost.StartAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task Readyz_BusAndSagaStoreUp_200WithEachCheck()
    {
        using var response = await host.Http.SendAsync(HttpMethod.Get, "/readyz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var checks = (await response.JsonAsync()).GetProperty("checks");
        Assert.Equal("Healthy", checks.GetProperty("saga-store").GetString());
        Assert.Contains(checks.EnumerateObject(), c => c.Name.Contains("masstransit", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Readyz_SagaTableGone_503()
    {
        await using (var connection = new SqliteConnection($"Data Source={host.DatabasePath}"))
        {
            await connection.OpenAsync();
            await using var drop = connection.CreateCommand();
            drop.CommandText = "DROP TABLE provisioning_sagas";
            await drop.ExecuteNonQueryAsync();
        }

        using var response = await host.Http.SendAsync(HttpMethod.Get, "/readyz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("Unhealthy", (await response.JsonAsync()).GetProperty("checks").GetProperty("saga-store").GetString());
    }

    [Fact]
    public async Task Healthz_Always_200()
    {
        using var response = await host.Http.SendAsync(HttpMethod.Get, "/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
