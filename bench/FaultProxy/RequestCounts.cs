using System.Collections.Concurrent;

namespace Provisioner.FaultProxy;

/// <summary>Requests per service and call, and how many of them were throttled; the emulator's own API is not counted.</summary>
public sealed class RequestCounts
{
    private readonly ConcurrentDictionary<(string Service, string Call), Counter> counters = new();

    public void Add(AwsCall call, bool throttled)
    {
        if (call.Service == AwsCall.EmulatorService) return;
        var counter = counters.GetOrAdd((call.Service, call.Name), _ => new Counter());
        Interlocked.Increment(ref counter.Requests);
        if (throttled) Interlocked.Increment(ref counter.Throttled);
    }

    public void Reset() => counters.Clear();

    public CountsSnapshot Snapshot() => new(counters
        .GroupBy(pair => pair.Key.Service, StringComparer.Ordinal)
        .OrderBy(group => group.Key, StringComparer.Ordinal)
        .ToDictionary(
            group => group.Key,
            group => new ServiceCounts(
                group.Sum(pair => Interlocked.Read(ref pair.Value.Requests)),
                group.Sum(pair => Interlocked.Read(ref pair.Value.Throttled)),
                group.OrderBy(pair => pair.Key.Call, StringComparer.Ordinal).ToDictionary(
                    pair => pair.Key.Call,
                    pair => new CallCounts(Interlocked.Read(ref pair.Value.Requests), Interlocked.Read(ref pair.Value.Throttled)),
                    StringComparer.Ordinal)),
            StringComparer.Ordinal));

    private sealed class Counter
    {
        public long Requests;
        public long Throttled;
    }
}
