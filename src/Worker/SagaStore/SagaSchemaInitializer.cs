
namespace Provisioner.Worker.SagaStore;

/// <summary>Creates (or migrates) the saga table before the bus starts taking messages.</summary>
public sealed class SagaSchemaInitializer(ISagaDatabase database) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => database.EnsureSchemaAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
