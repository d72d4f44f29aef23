namespace Provisioner.FaultProxy.Tests;

public sealed class LatencyRangeTests
{
    [Theory]
    [InlineData(20, 60)]
    [InlineData(80, 250)]
    [InlineData(0, 10)]
    public void Sample_ManyDraws_StayWithinTheRange(double min, double max)
    {
        var range = new LatencyRange(min, max);
        var random = new Random(7);

        var samples = Enumerable.Range(0, 5000).Select(_ => range.Sample(random).TotalMilliseconds).ToList();

        Assert.All(samples, ms => Assert.InRange(ms, min, max));
        Assert.True(samples.Max() - samples.Min() > (max - min) / 2, "the draws should spread over the range, not sit on one value");
    }

    [Fact]
    public void Sample_LogNormal_MedianIsTheGeometricMeanAndTheTailIsLong()
    {
        var range = new LatencyRange(80, 250);
        var random = new Random(3);

        var sorted = Enumerable.Range(0, 20000).Select(_ => range.Sample(random).TotalMilliseconds).Order().ToList();
        var median = sorted[sorted.Count / 2];

        Assert.InRange(median, range.MedianMs * 0.95, range.MedianMs * 1.05);
        Assert.True(sorted[^1] - median > median - sorted[0], "the slow side is longer than the fast side");
        // 5th and 95th percentiles sit on the bounds: about 5% of draws are clamped to each.
        Assert.InRange(sorted.Count(ms => ms >= 250) / (double)sorted.Count, 0.03, 0.07);
    }

    [Fact]
    public void Sample_SameSeed_SameDelays()
    {
        var range = new LatencyRange(30, 80);
        var first = new Random(42);
        var second = new Random(42);

        Assert.Equal(
            Enumerable.Range(0, 50).Select(_ => range.Sample(first)),
            Enumerable.Range(0, 50).Select(_ => range.Sample(second)));
    }
}
