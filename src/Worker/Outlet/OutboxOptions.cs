namespace Provisioner.Worker.Outlet;

/// <summary>Bound from <c>Outlet:Outbox</c>: how the outbox is delivered from (every replica delivers; a stream goes to one at a time).</summary>
public sealed record OutboxOptions
{
    public const string Section = "Outlet:Outbox";

    /// <summary>How often a replica looks for rows to deliver when nothing woke it (rows it commits itself wake it at once).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// How long a replica holds a row it is delivering; a replica that dies lets its rows go after this. Longer than one
    /// delivery attempt can take (<c>Ticketing:Timeout</c>, an SQS call), or another replica may send the row again meanwhile.
    /// </summary>
    public TimeSpan Lease { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Deliveries (heads of different streams) in flight at once per replica.</summary>
    public int BatchSize { get; init; } = 32;
}
