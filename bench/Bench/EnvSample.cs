namespace Provisioner.Bench;

/// <summary>One environment: how long it took end to end, where that time went, or why it failed.</summary>
public sealed record EnvSample(string Environment, double LatencyMs, IReadOnlyDictionary<string, double> SegmentsMs, string? Error = null)
{
    public static EnvSample Failed(string environment, double latencyMs, string error) => new(environment, latencyMs, new Dictionary<string, double>(), error);
}
