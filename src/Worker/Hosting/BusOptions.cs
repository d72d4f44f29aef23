namespace Provisioner.Worker.Hosting;

/// <summary>Bound from <c>Bus</c>.</summary>
public sealed record BusOptions
{
    public const string Section = "Bus";
    public const string InMemoryTransport = "InMemory";
    public const string RabbitMqTransport = "RabbitMq";

    /// <summary><c>InMemory</c> (embedded default; one process) or <c>RabbitMq</c> (durable; several replicas).</summary>
    public string Transport { get; init; } = InMemoryTransport;

    public RabbitMqOptions RabbitMq { get; init; } = new();

    public bool UsesRabbitMq => IsRabbitMq(Transport);

    public static bool IsRabbitMq(string? transport) => string.Equals(transport, RabbitMqTransport, StringComparison.OrdinalIgnoreCase);

    public static bool IsKnown(string? transport) =>
        IsRabbitMq(transport) || string.Equals(transport, InMemoryTransport, StringComparison.OrdinalIgnoreCase);
}
