using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Provisioner.Worker.SagaStore;

/// <summary>Ready only when the saga table answers a query: a worker that cannot record a run must not take one.</summary>
public sealed class SagaStoreHealthCheck(ISagaDatabase database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT 1 FROM provisioning_sagas WHERE 1 = 0";
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The type only: a driver message can quote the connection string.
            return HealthCheckResult.Unhealthy($"the saga store does not answer ({ex.GetType().Name})");
        }
    }
}
