namespace Provisioner.FaultProxy;

public sealed record ServiceCounts(long Requests, long Throttled, IReadOnlyDictionary<string, CallCounts> Calls)
{
    public static readonly ServiceCounts Empty = new(0, 0, new Dictionary<string, CallCounts>());

    public CallCounts Of(string call) => Calls.GetValueOrDefault(call) ?? new CallCounts(0, 0);

    public ServiceCounts Since(ServiceCounts earlier) => new(
        Requests - earlier.Requests,
        Throttled - earlier.Throttled,
        Calls.ToDictionary(pair => pair.Key, pair => pair.Value.Since(earlier.Of(pair.Key)), StringComparer.Ordinal));
}
