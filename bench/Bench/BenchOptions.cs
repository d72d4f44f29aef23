namespace Provisioner.Bench;

/// <summary>What <c>bench.sh</c> hands over: the moto it started, the published worker, the aws CLI, and the facts to print.</summary>
public sealed record BenchOptions
{
    public const string Usage = """
        usage: Provisioner.Bench --moto URL --worker-dll PATH --out FILE [--quick] [--phases LIST] [--moto-pid N]
                                 [--moto-log FILE] [--proxy URL] [--proxy-pid N] [--json FILE] [--aws PATH]
                                 [--command TEXT] [--dotnet-sdk V] [--moto-version V] [--aws-version V]
        --phases: comma-separated subset of c1,c8,c32,poll,memory (moto direct), p1,p32 (realistic latency through the
                  fault proxy), throttled (the proxy limiting IAM); default: all. p1, p32 and throttled need --proxy.
        Normally run through ./bench.sh, which starts moto_server and publishes the worker first.
        """;

    public required Uri Moto { get; init; }
    public required string WorkerDll { get; init; }
    public required string Output { get; init; }
    public bool Quick { get; init; }
    public int? MotoPid { get; init; }
    public string? MotoLog { get; init; }
    public string AwsCli { get; init; } = "aws";
    public string Command { get; init; } = "./bench.sh";
    public string DotnetSdk { get; init; } = "?";
    public string MotoVersion { get; init; } = "?";
    public string AwsVersion { get; init; } = "?";
    public IReadOnlySet<string> Phases { get; init; } = AllPhases;

    /// <summary>The fault proxy bench.sh started in front of moto (phases p1, p32, throttled), and its process.</summary>
    public Uri? Proxy { get; init; }
    public int? ProxyPid { get; init; }

    /// <summary>Where to write every figure and the targets as JSON, besides the Markdown report.</summary>
    public IReadOnlyList<string> Json { get; init; } = [];

    public static readonly IReadOnlySet<string> MotoPhases = new HashSet<string> { "c1", "c8", "c32", "poll", "memory" };

    public static readonly IReadOnlySet<string> ProxyPhases = new HashSet<string> { "p1", "p32", "throttled" };

    public static readonly IReadOnlySet<string> AllPhases =
        new HashSet<string> { "c1", "c8", "c32", "poll", "memory", "p1", "p32", "throttled" };

    public BenchSizes Sizes => Quick ? BenchSizes.QuickRun : BenchSizes.FullRun;

    public static BenchOptions? Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var json = new List<string>();
        var quick = false;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--quick") { quick = true; continue; }
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length) return null;
            if (args[i] == "--json") json.Add(args[++i]);
            else values[args[i][2..]] = args[++i];
        }
        if (!values.TryGetValue("moto", out var moto) || !values.TryGetValue("worker-dll", out var dll) || !values.TryGetValue("out", out var output))
            return null;
        return new BenchOptions
        {
            Moto = new Uri(moto),
            WorkerDll = dll,
            Output = output,
            Quick = quick,
            MotoPid = values.TryGetValue("moto-pid", out var pid) ? int.Parse(pid, System.Globalization.CultureInfo.InvariantCulture) : null,
            MotoLog = values.GetValueOrDefault("moto-log"),
            AwsCli = values.GetValueOrDefault("aws") ?? "aws",
            Command = values.GetValueOrDefault("command") ?? "./bench.sh",
            DotnetSdk = values.GetValueOrDefault("dotnet-sdk") ?? "?",
            MotoVersion = values.GetValueOrDefault("moto-version") ?? "?",
            AwsVersion = values.GetValueOrDefault("aws-version") ?? "?",
            Phases = values.TryGetValue("phases", out var phases) ? phases.Split(',', StringSplitOptions.TrimEntries).ToHashSet() : AllPhases,
            Proxy = values.TryGetValue("proxy", out var proxy) ? new Uri(proxy) : null,
            ProxyPid = values.TryGetValue("proxy-pid", out var proxyPid) ? int.Parse(proxyPid, System.Globalization.CultureInfo.InvariantCulture) : null,
            Json = json,
        };
    }
}
