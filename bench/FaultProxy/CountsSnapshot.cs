namespace Provisioner.FaultProxy;

/// <summary>What <c>GET /_faultproxy/counts</c> answers: requests and throttled requests per service and per call.</summary>
public sealed record CountsSnapshot(IReadOnlyDictionary<string, ServiceCounts> Services)
{
    public long Requests => Services.Values.Sum(s => s.Requests);

    public long Throttled => Services.Values.Sum(s => s.Throttled);

    public ServiceCounts Of(string service) => Services.GetValueOrDefault(service) ?? ServiceCounts.Empty;

    /// <summary>What happened between <paramref name="earlier"/> and this snapshot, per service.</summary>
    public CountsSnapshot Since(CountsSnapshot earlier) => new(Services.ToDictionary(
        pair => pair.Key,
        pair => pair.Value.Since(earlier.Of(pair.Key)),
        StringComparer.Ordinal));
}
