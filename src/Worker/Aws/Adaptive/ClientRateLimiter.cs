namespace Provisioner.Worker.Aws.Adaptive;

/// <summary>
/// Client-side rate limiting as the AWS SDKs' adaptive retry mode does it, for our own IAM client: off until the first
/// throttling answer; from then on every request takes a token from a bucket whose fill rate falls to 70% of the
/// measured sending rate at each throttling answer and climbs back along a CUBIC curve (slowly near the rate that was
/// throttled, faster beyond it) while requests succeed, never above twice the measured rate. Two departures from the
/// SDKs, both for many callers sharing one client: as TCP does, the rate is cut once per congestion event, not once
/// per throttled answer (answers to requests sent before the last cut do not cut again: twenty callers throttled
/// together would otherwise cut it by 0.7 to the twentieth); and the rate measured is that of the requests sent,
/// counting the half-second under way, where the SDKs count answers in finished half-seconds only: a burst after an
/// idle spell, or from a new client, would otherwise be cut to half a request per second (its throttled answers come
/// back first, before any half-second is over) and take seconds to climb back.
/// </summary>
public sealed class ClientRateLimiter
{
    private const double Beta = 0.7;
    private const double ScaleConstant = 0.4;
    private const double Smoothing = 0.8;
    private const double MinFillRate = 0.5;
    private const double MinCapacity = 1;

    private readonly object gate = new();
    private readonly TimeProvider time;
    private readonly long origin;
    private bool enabled;
    private double fillRate;
    private double capacity;
    private double tokens;
    private double? lastRefill;
    private double measuredRate;
    private double rateBucket;
    private long requestsInBucket;
    private double lastMaxRate;
    private double lastThrottle;

    public ClientRateLimiter(TimeProvider? time = null)
    {
        this.time = time ?? TimeProvider.System;
        origin = this.time.GetTimestamp();
        rateBucket = Math.Floor(Now());
        lastThrottle = Now();
    }

    /// <summary>The rate requests may be sent at now (per second), or null while no throttling has been seen.</summary>
    public double? SendingRate
    {
        get
        {
            lock (gate) return enabled ? fillRate : null;
        }
    }

    /// <summary>
    /// Waits for a token (at once while no throttling has been seen) and returns the moment the request may go, to hand
    /// back to <see cref="OnResponse"/>. Honours the caller's token.
    /// </summary>
    public async Task<double> AcquireAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            if (TryAcquire(out var sentAt, out var wait)) return sentAt;
            await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Takes a token if one is there (always, while no throttling has been seen); else how long until one is.</summary>
    internal bool TryAcquire(out double sentAt, out TimeSpan wait)
    {
        lock (gate)
        {
            sentAt = Now();
            wait = TimeSpan.Zero;
            if (enabled)
            {
                Refill();
                if (tokens < 1)
                {
                    wait = TimeSpan.FromSeconds((1 - tokens) / fillRate);
                    return false;
                }
                tokens -= 1;
            }
            MeasureRate();
            return true;
        }
    }

    /// <summary>
    /// Every answer (a success or any error) moves the rate: down on throttling, up along the curve otherwise.
    /// <paramref name="sentAt"/> is what <see cref="AcquireAsync"/> returned for the request.
    /// </summary>
    public void OnResponse(bool throttled, double sentAt)
    {
        lock (gate)
        {
            if (throttled && enabled && sentAt < lastThrottle)
            {
                // Sent before the last cut: the same congestion event, already answered.
                return;
            }
            var measured = Math.Max(measuredRate, requestsInBucket / Math.Max(Now() - rateBucket, 0.1));
            double target;
            if (throttled)
            {
                lastMaxRate = enabled ? Math.Min(measured, fillRate) : measured;
                lastThrottle = Now();
                target = lastMaxRate * Beta;
                enabled = true;
            }
            else
            {
                // Time to climb back to the rate that was throttled; the curve is flat there, steep before and after.
                var window = Math.Cbrt(lastMaxRate * (1 - Beta) / ScaleConstant);
                target = ScaleConstant * Math.Pow(Now() - lastThrottle - window, 3) + lastMaxRate;
            }
            SetRate(Math.Min(target, 2 * measured));
        }
    }

    private double Now() => time.GetElapsedTime(origin).TotalSeconds;

    /// <summary>The requests sent per second, smoothed over half-second buckets.</summary>
    private void MeasureRate()
    {
        var bucket = Math.Floor(Now() * 2) / 2;
        requestsInBucket++;
        if (bucket <= rateBucket) return;
        var current = requestsInBucket / (bucket - rateBucket);
        measuredRate = current * Smoothing + measuredRate * (1 - Smoothing);
        requestsInBucket = 0;
        rateBucket = bucket;
    }

    private void SetRate(double rate)
    {
        Refill();
        fillRate = Math.Max(rate, MinFillRate);
        capacity = Math.Max(rate, MinCapacity);
        tokens = Math.Min(tokens, capacity);
    }

    private void Refill()
    {
        var now = Now();
        if (lastRefill is { } last) tokens = Math.Min(capacity, tokens + (now - last) * fillRate);
        lastRefill = now;
    }
}
