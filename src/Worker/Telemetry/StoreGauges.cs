using System.Diagnostics.Metrics;
using System.Globalization;
using Microsoft.Extensions.Options;
using Provisioner.Worker.SagaStore;
using Provisioner.Worker.StateMachine;

namespace Provisioner.Worker.Telemetry;

/// <summary>
/// Runs in flight and the outbox backlog, read from the saga store every <see cref="TelemetryOptions.StoreGaugeInterval"/>:
/// the store is shared by every replica, so these are the deployment's numbers (take <c>max</c>, not <c>sum</c>, across
/// replicas). A scrape reads the last sample and never waits on the database.
/// </summary>
public sealed class StoreGauges(ISagaDatabase database, IOptions<TelemetryOptions> options, ILogger<StoreGauges> logger) : BackgroundService
{
    private static readonly string InFlightSql = "SELECT COUNT(*) FROM provisioning_sagas WHERE state IN (" +
        string.Join(", ", ((string[])[nameof(ProvisioningStateMachine.Running), .. ProvisioningStateMachine.RotationStates]).Select(s => $"'{s}'")) + ")";

    private long inFlight;
    private long backlog;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var gauges = new GaugeRegistration(this);
        using var timer = new PeriodicTimer(options.Value.StoreGaugeInterval);
        do
        {
            try
            {
                Interlocked.Exchange(ref inFlight, await CountAsync(InFlightSql, stoppingToken));
                Interlocked.Exchange(ref backlog, await CountAsync("SELECT COUNT(*) FROM provisioning_outbox", stoppingToken));
            }
            catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException)
            {
                logger.LogDebug("The store gauges could not be read: {Error}", ex.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    private async Task<long> CountAsync(string sql, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
    }

    /// <summary>The observable gauges live as long as the sampler: a stopped host reports nothing stale.</summary>
    private sealed class GaugeRegistration : IDisposable
    {
        private readonly Meter meter = new(ProvisionerTelemetry.Name);

        public GaugeRegistration(StoreGauges owner)
        {
            meter.CreateObservableGauge("provisioner.runs.in_flight", () => Interlocked.Read(ref owner.inFlight),
                description: "Environments with a run or a key rotation under way (from the saga store)");
            meter.CreateObservableGauge("provisioner.outbox.backlog", () => Interlocked.Read(ref owner.backlog),
                description: "Events waiting in the outbox for the SQS outlet or a ticket callback (from the saga store)");
        }

        public void Dispose() => meter.Dispose();
    }
}
