namespace Provisioner.FaultProxy;

/// <summary>
/// Added latency in milliseconds: log-normal, with <see cref="MinMs"/> and <see cref="MaxMs"/> as its 5th and 95th
/// percentiles (so the median is their geometric mean, and the tail is long as real service latency is), clamped to
/// the range so every sample stays within it.
/// </summary>
public sealed record LatencyRange(double MinMs, double MaxMs)
{
    private const double Z95 = 1.6448536269514722;

    public static readonly LatencyRange Zero = new(0, 0);

    public double MedianMs => MinMs <= 0 ? (MinMs + MaxMs) / 2 : Math.Sqrt(MinMs * MaxMs);

    public TimeSpan Sample(Random random)
    {
        if (MaxMs <= MinMs) return TimeSpan.FromMilliseconds(Math.Max(0, MinMs));
        if (MinMs <= 0) return TimeSpan.FromMilliseconds(random.NextDouble() * MaxMs);
        var sigma = Math.Log(MaxMs / MinMs) / (2 * Z95);
        var ms = Math.Exp(Math.Log(MedianMs) + sigma * StandardNormal(random));
        return TimeSpan.FromMilliseconds(Math.Clamp(ms, MinMs, MaxMs));
    }

    /// <summary>Box–Muller: two uniforms to one standard normal draw.</summary>
    private static double StandardNormal(Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    public override string ToString() => $"{MinMs:0.#}–{MaxMs:0.#} ms";
}
