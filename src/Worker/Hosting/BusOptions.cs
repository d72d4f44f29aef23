namespace Provisioner.Worker.Hosting;

/// <summary>Bound from <c>Bus</c>.</summary>
public sealed record BusOptions
{
    public const string Section = "Bus";

    /// <summary><c>InMemory</c> (embedded default; one process).</summary>
    public string Transport { get; init; } = "InMemory";
}
