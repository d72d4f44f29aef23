using Provisioner.Worker.SagaStore;

namespace Provisioner.Worker.Outlet;

/// <summary>One destination of outbox rows (<see cref="OutletRouting.Sqs"/>, <see cref="OutletRouting.Ticket"/>): one attempt per call.</summary>
public interface IOutboxDelivery
{
    string Destination { get; }

    Task<DeliveryResult> DeliverAsync(ClaimedOutboxRow row, CancellationToken ct);

    /// <summary>The wait before the next attempt of a row that failed <paramref name="attempts"/> times.</summary>
    TimeSpan Backoff(int attempts);
}
