using System.Collections.Concurrent;
using System.Diagnostics;

namespace Provisioner.Worker.Tests.Infrastructure;

/// <summary>
/// When each call of a burst completed, to tell the rate a throttled client settles at: the first answers ride the
/// limit's burst and the client's first reaction, the last ones show where it converged.
/// </summary>
public sealed class ThrottledBurst
{
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly ConcurrentBag<double> completions = [];

    public async Task<T> TimeAsync<T>(Func<Task<T>> call)
    {
        var result = await call();
        completions.Add(clock.Elapsed.TotalSeconds);
        return result;
    }

    /// <summary>Calls per second over the last <paramref name="last"/> completions.</summary>
    public double SettledRate(int last)
    {
        var sorted = completions.Order().ToList();
        var window = sorted.TakeLast(last).ToList();
        return (window.Count - 1) / (window[^1] - window[0]);
    }
}
