using Provisioner.FaultProxy;

namespace Provisioner.Bench;

/// <summary>
/// Phase (c): how many of an environment's calls the IAM limit applies to (counted at the proxy, throttled answers
/// left out), hence how many environments per second the limit permits, and the share of that the worker reached.
/// </summary>
public sealed record ThrottledFigures(RateLimit Limit, int Environments, int Failed, double LimitedCallsPerEnvironment, double Throughput,
    double ThrottledPerEnvironment)
{
    public double PermittedPerSecond => Limit.RatePerSecond / LimitedCallsPerEnvironment;

    public double Share => Throughput / PermittedPerSecond;

    public static ThrottledFigures? Of(BenchResults results)
    {
        if (results.IamLimit is not { } limit || results.Of("throttled", WorkerDriver.Mode).FirstOrDefault() is not { } block) return null;
        var limited = block.PassedByCall
            .Where(pair => pair.Key.Split(':', 2) is [var service, var call] && limit.Applies(new AwsCall(service, call, AwsProtocol.Query)))
            .Sum(pair => pair.Value);
        var n = block.Samples.Count;
        return new ThrottledFigures(limit, n, block.Failures, (double)limited / n, block.Throughput, (double)block.AwsThrottled / n);
    }
}
