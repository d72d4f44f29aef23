namespace Provisioner.FaultProxy;

/// <summary>
/// One profile in force: decides per call whether it is throttled (every applicable bucket must give a token) and
/// how long its answer is held back. Replaced whole when the profile changes, so buckets start full again.
/// </summary>
public sealed class FaultPolicy(FaultProfile profile, TimeProvider time)
{
    private readonly Random random = new(profile.Seed);
    private readonly (RateLimit Limit, TokenBucket Bucket)[] buckets =
        [.. profile.Limits.Select(limit => (limit, new TokenBucket(limit.RatePerSecond, limit.Burst, time)))];

    public FaultProfile Profile => profile;

    public (TimeSpan Delay, bool Throttled) Decide(AwsCall call)
    {
        var throttled = false;
        foreach (var (limit, bucket) in buckets)
            if (limit.Applies(call) && !bucket.TryTake()) throttled = true;
        TimeSpan delay;
        lock (random) delay = profile.LatencyOf(call).Sample(random);
        return (delay, throttled);
    }
}
