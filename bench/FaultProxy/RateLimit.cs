namespace Provisioner.FaultProxy;

/// <summary>
/// A token bucket on one service, or on a class of its calls: <see cref="Calls"/> null = every call, "mutating" =
/// the calls that change something (see <see cref="AwsCall.Mutating"/>), else a comma-separated list of call names.
/// A request over the rate is answered with the service's own throttling error and not forwarded.
/// </summary>
public sealed record RateLimit(string Service, double RatePerSecond, double Burst, string? Calls = null)
{
    public const string MutatingCalls = "mutating";

    public bool Applies(AwsCall call)
    {
        if (!string.Equals(call.Service, Service, StringComparison.Ordinal)) return false;
        if (Calls is null) return true;
        if (Calls == MutatingCalls) return call.Mutating;
        return Calls.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Contains(call.Name, StringComparer.Ordinal);
    }

    public override string ToString() => $"{Service}{(Calls is null ? "" : $" ({Calls})")}: {RatePerSecond:0.##}/s, burst {Burst:0.##}";
}
