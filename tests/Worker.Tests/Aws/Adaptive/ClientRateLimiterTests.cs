using Provisioner.Worker.Aws.Adaptive;
using Provisioner.Worker.Tests.Infrastructure;

namespace Provisioner.Worker.Tests.Aws.Adaptive;

public sealed class ClientRateLimiterTests
{
    [Fact]
    public async Task AcquireAsync_NoThrottlingSeen_NeverWaits()
    {
        var clock = new ManualClock();
        var limiter = new ClientRateLimiter(clock);
        Steady(limiter, clock, perSecond: 50, seconds: 2);

        var acquired = limiter.AcquireAsync(new CancellationToken(canceled: true));

        Assert.True(acquired.IsCompletedSuccessfully);
        await acquired;
        Assert.Null(limiter.SendingRate);
    }

    [Fact]
    public void OnResponse_Throttled_CutsTheRateToSeventyPercentOfTheMeasuredRate()
    {
        var clock = new ManualClock();
        var limiter = new ClientRateLimiter(clock);
        Steady(limiter, clock, perSecond: 20, seconds: 3);

        limiter.OnResponse(throttled: true, sentAt: 3);

        Assert.InRange(limiter.SendingRate!.Value, 0.7 * 20 * 0.9, 0.7 * 20 * 1.1);
    }

    [Fact]
    public void OnResponse_SuccessesAfterAThrottle_RateClimbsBackAndThenBeyond()
    {
        var clock = new ManualClock();
        var limiter = new ClientRateLimiter(clock);
        Steady(limiter, clock, perSecond: 20, seconds: 3);
        limiter.OnResponse(throttled: true, sentAt: 3);
        var afterThrottle = limiter.SendingRate!.Value;

        var rates = new List<double>();
        for (var second = 0; second < 6; second++)
        {
            Steady(limiter, clock, perSecond: 20, seconds: 1);
            rates.Add(limiter.SendingRate!.Value);
        }

        Assert.True(rates.Zip(rates.Skip(1)).All(pair => pair.Second >= pair.First - 1e-9), string.Join(", ", rates));
        Assert.True(rates[0] > afterThrottle);
        // CUBIC reaches the throttled rate after its window (about 2.2 s for 20/s) and probes past it.
        Assert.True(rates[^1] > 20, string.Join(", ", rates));
        Assert.True(rates[^1] <= 2 * 20 * 1.05, "never more than twice the measured rate");
    }

    [Fact]
    public void OnResponse_ThrottledAgainAndAgain_NeverBelowHalfARequestPerSecond()
    {
        var clock = new ManualClock();
        var limiter = new ClientRateLimiter(clock);

        for (var i = 0; i < 50; i++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(300));
            limiter.OnResponse(throttled: true, sentAt: (i + 1) * 0.3);
        }

        Assert.Equal(0.5, limiter.SendingRate);
    }

    [Fact]
    public async Task AcquireAsync_NoTokenAndTheCallerGivesUp_ThrowsCancelled()
    {
        var limiter = new ClientRateLimiter();
        limiter.OnResponse(throttled: true, sentAt: 0); // nothing measured: half a token per second, bucket empty
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => limiter.AcquireAsync(cancel.Token));
    }

    [Fact]
    public async Task AcquireAsync_AfterAThrottle_PacesCallersAtTheFillRate()
    {
        var limiter = new ClientRateLimiter();
        limiter.OnResponse(throttled: true, sentAt: 0); // 0.5 tokens/s, capacity 1
        var clock = System.Diagnostics.Stopwatch.StartNew();

        await limiter.AcquireAsync(default);

        Assert.InRange(clock.Elapsed.TotalSeconds, 1.8, 4);
    }

    [Fact]
    public void OnResponse_ManyAnswersOfOneCongestionEvent_CutTheRateOnce()
    {
        var clock = new ManualClock();
        var limiter = new ClientRateLimiter(clock);
        Steady(limiter, clock, perSecond: 20, seconds: 3);
        var sentBeforeTheCut = 2.9;

        limiter.OnResponse(throttled: true, sentAt: sentBeforeTheCut);
        var afterFirst = limiter.SendingRate;
        for (var i = 0; i < 10; i++) limiter.OnResponse(throttled: true, sentAt: sentBeforeTheCut);
        var afterTheSameEvent = limiter.SendingRate;
        clock.Advance(TimeSpan.FromMilliseconds(100));
        limiter.OnResponse(throttled: true, sentAt: 3.05); // sent after the cut: a new event

        Assert.Equal(afterFirst, afterTheSameEvent);
        Assert.InRange(limiter.SendingRate!.Value, afterFirst!.Value * 0.6, afterFirst.Value * 0.75);
    }

    /// <summary>A caller that would send <paramref name="perSecond"/> requests a second, each answered at once, as tokens allow.</summary>
    private static void Steady(ClientRateLimiter limiter, ManualClock clock, int perSecond, int seconds)
    {
        for (var i = 0; i < perSecond * seconds; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(1.0 / perSecond));
            if (limiter.TryAcquire(out var sentAt, out _)) limiter.OnResponse(throttled: false, sentAt);
        }
    }
}
