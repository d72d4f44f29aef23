namespace Provisioner.Bench;

/// <summary>
/// AWS requests answered so far, how many were throttled, and (where the proxy counts them) the requests that passed
/// per service and per "service:Call".
/// </summary>
public sealed record RequestCount(long Requests, long Throttled, IReadOnlyDictionary<string, long> ByService, IReadOnlyDictionary<string, long> PassedByCall)
{
    public static RequestCount Of(long requests) => new(requests, 0, new Dictionary<string, long>(), new Dictionary<string, long>());

    public static RequestCount operator -(RequestCount after, RequestCount before) => new(
        after.Requests - before.Requests,
        after.Throttled - before.Throttled,
        Minus(after.ByService, before.ByService),
        Minus(after.PassedByCall, before.PassedByCall));

    private static Dictionary<string, long> Minus(IReadOnlyDictionary<string, long> after, IReadOnlyDictionary<string, long> before) =>
        after.ToDictionary(pair => pair.Key, pair => pair.Value - before.GetValueOrDefault(pair.Key), StringComparer.Ordinal);
}
