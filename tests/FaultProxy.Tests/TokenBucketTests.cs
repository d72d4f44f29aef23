namespace Provisioner.FaultProxy.Tests;

public sealed class TokenBucketTests
{
    [Fact]
    public void TryTake_BurstSpent_RefusesUntilRefilled()
    {
        var time = new ManualTime();
        var bucket = new TokenBucket(ratePerSecond: 2, burst: 3, time);

        var burst = Enumerable.Range(0, 4).Select(_ => bucket.TryTake()).ToList();
        time.Advance(TimeSpan.FromMilliseconds(400));
        var early = bucket.TryTake();
        time.Advance(TimeSpan.FromMilliseconds(100));
        var refilled = bucket.TryTake();

        Assert.Equal([true, true, true, false], burst);
        Assert.False(early);
        Assert.True(refilled);
    }

    [Fact]
    public void TryTake_LongIdle_KeepsNoMoreThanTheBurst()
    {
        var time = new ManualTime();
        var bucket = new TokenBucket(ratePerSecond: 10, burst: 2, time);

        time.Advance(TimeSpan.FromMinutes(1));
        var taken = Enumerable.Range(0, 5).Count(_ => bucket.TryTake());

        Assert.Equal(2, taken);
    }
}
