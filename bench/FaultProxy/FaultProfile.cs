namespace Provisioner.FaultProxy;

/// <summary>
/// What the proxy does to requests: latency per service (keys "iam") or per call (keys "iam:CreateRole", which win),
/// and rate limits. Replaceable at run time through the admin endpoint, so one proxy serves every bench phase.
/// </summary>
public sealed record FaultProfile
{
    /// <summary>Latency by service or "service:Call"; a service not listed gets none.</summary>
    public IReadOnlyDictionary<string, LatencyRange> Latency { get; init; } = new Dictionary<string, LatencyRange>();

    public IReadOnlyList<RateLimit> Limits { get; init; } = [];

    /// <summary>Seeds the latency draws: the same seed and the same order of requests give the same delays.</summary>
    public int Seed { get; init; } = 16;

    /// <summary>Forward untouched, only count.</summary>
    public static FaultProfile None => new();

    /// <summary>
    /// Round-trip times as published for AWS from inside a region: S3 tens of milliseconds, IAM (a global control
    /// plane in us-east-1) one to a few hundred, STS and SQS tens.
    /// </summary>
    public static FaultProfile Realistic => new()
    {
        Latency = new Dictionary<string, LatencyRange>(StringComparer.Ordinal)
        {
            ["s3"] = new(20, 60),
            ["iam"] = new(80, 250),
            ["sts"] = new(30, 80),
            ["sqs"] = new(10, 40),
        },
    };

    public FaultProfile WithLimit(RateLimit limit) => this with { Limits = [.. Limits, limit] };

    public LatencyRange LatencyOf(AwsCall call) =>
        Latency.TryGetValue(call.ToString(), out var exact) ? exact : Latency.GetValueOrDefault(call.Service, LatencyRange.Zero);

    public override string ToString() =>
        $"latency [{string.Join(", ", Latency.Select(pair => $"{pair.Key} {pair.Value}"))}], limits [{string.Join("; ", Limits)}], seed {Seed}";
}
