namespace Provisioner.Bench;

/// <summary>What <c>bench.sh</c> hands over: the moto it started, the published worker, the aws CLI, and the facts to print.</summary>
public sealed record BenchOptions
{
    public const string Usage = """
        usage: Provisioner.Bench --moto URL --worker-dll PATH --out FILE [--quick] [--phases LIST] [--moto-pid N]
                                 [--moto-log FILE] [--aws PATH] [--command TEXT] [--dotnet-sdk V] [--moto-version V]
                                 [--aws-version V]
        --phases: comma-separated subset of c1,c8,c32,poll,memory (default: all), to look at one thing quickly.
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

    public static readonly IReadOnlySet<string> AllPhases = new HashSet<string> { "c1", "c8", "c32", "poll", "memory" };

    public BenchSizes Sizes => Quick ? BenchSizes.QuickRun : BenchSizes.FullRun;

    public static BenchOptions? Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var quick = false;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--quick") { quick = true; continue; }
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length) return null;
            values[args[i][2..]] = args[++i];
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
        };
    }
}
