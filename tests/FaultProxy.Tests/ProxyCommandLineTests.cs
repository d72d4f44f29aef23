namespace Provisioner.FaultProxy.Tests;

public sealed class ProxyCommandLineTests
{
    [Fact]
    public void Parse_EveryOption_BuildsTheOptions()
    {
        var options = ProxyCommandLine.Parse(["--upstream", "http://127.0.0.1:5000", "--port", "0", "--profile", "realistic",
            "--seed", "9", "--limit", "iam:mutating=5/10", "--limit", "s3=100"]);

        Assert.Equal(new Uri("http://127.0.0.1:5000"), options.Upstream);
        Assert.Equal(9, options.Profile.Seed);
        Assert.Equal(new LatencyRange(80, 250), options.Profile.Latency["iam"]);
        Assert.Equal([new RateLimit("iam", 5, 10, "mutating"), new RateLimit("s3", 100, 100)], options.Profile.Limits);
    }

    [Theory]
    [InlineData("--port", "0")]
    [InlineData("--upstream", "ftp://x")]
    [InlineData("--upstream", "http://x", "--limit", "iam=0")]
    [InlineData("--upstream", "http://x", "--limit", "iam=5/0")]
    [InlineData("--upstream", "http://x", "--limit", "=5")]
    [InlineData("--upstream", "http://x", "--profile", "slow")]
    [InlineData("--upstream", "http://x", "--bogus", "1")]
    [InlineData("--upstream")]
    public void Parse_BadArguments_ThrowsNamingTheArgument(params string[] args)
    {
        var error = Assert.Throws<ArgumentException>(() => ProxyCommandLine.Parse(args));

        Assert.Contains("--", error.Message, StringComparison.Ordinal);
    }
}
