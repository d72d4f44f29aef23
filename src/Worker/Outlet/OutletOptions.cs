namespace Provisioner.Worker.Outlet;

/// <summary>Bound from <c>Outlet:Sqs</c>. An empty <see cref="QueueUrl"/> turns the outlet off.</summary>
public sealed record OutletOptions
{
    public const string Section = "Outlet:Sqs";

    public string? QueueUrl { get; init; }

    /// <summary>Empty = read from the queue URL, else <c>AWS_REGION</c>.</summary>
    public string? Region { get; init; }

    /// <summary>The CloudEvents <c>source</c> attribute.</summary>
    public string Source { get; init; } = "urn:milvus-provisioner";

    /// <summary>Events held in memory while the queue is slow or down; beyond it new events are dropped (and logged).</summary>
    public int Capacity { get; init; } = 10_000;

    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(30);
}
