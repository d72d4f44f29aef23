namespace Provisioner.FaultProxy;

/// <summary>A service-side token bucket: starts full (<c>burst</c> tokens), refills at <c>rate</c> per second.</summary>
public sealed class TokenBucket
{
    private readonly object gate = new();
    private readonly double ratePerSecond;
    private readonly double burst;
    private readonly TimeProvider time;
    private double tokens;
    private long last;

    public TokenBucket(double ratePerSecond, double burst, TimeProvider time)
    {
        this.ratePerSecond = ratePerSecond;
        this.burst = burst;
        this.time = time;
        tokens = burst;
        last = time.GetTimestamp();
    }

    public bool TryTake()
    {
        lock (gate)
        {
            var now = time.GetTimestamp();
            tokens = Math.Min(burst, tokens + time.GetElapsedTime(last, now).TotalSeconds * ratePerSecond);
            last = now;
            if (tokens < 1) return false;
            tokens -= 1;
            return true;
        }
    }
}
