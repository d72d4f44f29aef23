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

    /// <summary>An event still undelivered this long after it happened is dropped (and logged), so the outbox stays bounded.</summary>
    public TimeSpan GiveUpAfter { get; init; } = TimeSpan.FromDays(1);

    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(30);
}
