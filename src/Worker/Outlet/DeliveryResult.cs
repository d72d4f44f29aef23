namespace Provisioner.Worker.Outlet;

/// <summary>What became of one delivery attempt of an outbox row.</summary>
public sealed record DeliveryResult(DeliveryStatus Status, string? Failure = null)
{
    public static readonly DeliveryResult Delivered = new(DeliveryStatus.Delivered);

    public static DeliveryResult Retry(string failure) => new(DeliveryStatus.Retry, failure);

    public static DeliveryResult GiveUp(string failure) => new(DeliveryStatus.GiveUp, failure);
}
