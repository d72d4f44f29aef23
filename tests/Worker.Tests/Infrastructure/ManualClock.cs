namespace Provisioner.Worker.Tests.Infrastructure;

/// <summary>A clock that moves only when the test moves it: wall time and timestamps alike (delays still run on real time).</summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private readonly Lock gate = new();
    private DateTimeOffset now = start;
    private long ticks;

    public ManualClock()
        : this(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero))
    {
    }

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override DateTimeOffset GetUtcNow()
    {
        lock (gate) return now;
    }

    public override long GetTimestamp() => Interlocked.Read(ref ticks);

    public void Advance(TimeSpan by)
    {
        lock (gate) now += by;
        Interlocked.Add(ref ticks, by.Ticks);
    }
}
