using System.Globalization;

namespace Provisioner.FaultProxy;

/// <summary>
/// <c>--upstream URL [--port N] [--profile none|realistic] [--seed N] [--limit SERVICE[:CALLS]=RATE[/BURST]]...</c>,
/// e.g. <c>--limit iam:mutating=5/10</c>. Bad input gets a message naming the argument, before anything starts.
/// </summary>
public static class ProxyCommandLine
{
    public const string Usage = """
        usage: Provisioner.FaultProxy --upstream URL [--port N] [--profile none|realistic] [--seed N]
                                      [--limit SERVICE[:CALLS]=RATE[/BURST]]...
          --port 0 (default) takes a free loopback port; the first line printed is the endpoint.
          --limit iam=10/20          IAM: 10 requests/s, bursts of 20 (default burst = rate)
          --limit iam:mutating=5     IAM's mutating calls only; CALLS may also be a list: iam:CreateRole,DeleteRole=2
          The profile can be replaced at run time: PUT /_faultproxy/profile; counts: GET /_faultproxy/counts.
        """;

    public static FaultProxyOptions Parse(IReadOnlyList<string> args)
    {
        Uri? upstream = null;
        var port = 0;
        var profile = FaultProfile.None;
        var limits = new List<RateLimit>();
        int? seed = null;
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (i + 1 >= args.Count) throw new ArgumentException($"{name} needs a value");
            var value = args[++i];
            switch (name)
            {
                case "--upstream":
                    upstream = Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
                        ? uri : throw new ArgumentException($"--upstream: not an http(s) URL: {value}");
                    break;
                case "--port":
                    port = int.TryParse(value, CultureInfo.InvariantCulture, out var p) && p is >= 0 and <= 65535
                        ? p : throw new ArgumentException($"--port: not a port: {value}");
                    break;
                case "--profile":
                    profile = value switch
                    {
                        "none" => FaultProfile.None,
                        "realistic" => FaultProfile.Realistic,
                        _ => throw new ArgumentException($"--profile: none or realistic, not {value}"),
                    };
                    break;
                case "--seed":
                    seed = int.TryParse(value, CultureInfo.InvariantCulture, out var s) ? s : throw new ArgumentException($"--seed: not a number: {value}");
                    break;
                case "--limit":
                    limits.Add(ParseLimit(value));
                    break;
                default:
                    throw new ArgumentException($"unknown argument {name}");
            }
        }
        if (upstream is null) throw new ArgumentException("--upstream is required");
        profile = profile with { Limits = [.. profile.Limits, .. limits], Seed = seed ?? profile.Seed };
        return new FaultProxyOptions { Upstream = upstream, Port = port, Profile = profile };
    }

    public static RateLimit ParseLimit(string text)
    {
        var parts = text.Split('=', 2);
        var target = parts[0].Split(':', 2);
        var rate = parts.Length == 2 ? parts[1].Split('/', 2) : [];
        if (target[0].Length == 0 || rate.Length == 0 || !double.TryParse(rate[0], CultureInfo.InvariantCulture, out var perSecond) || perSecond <= 0)
            throw new ArgumentException($"--limit: SERVICE[:CALLS]=RATE[/BURST] with a positive rate, not {text}");
        var burst = perSecond;
        if (rate.Length == 2 && (!double.TryParse(rate[1], CultureInfo.InvariantCulture, out burst) || burst < 1))
            throw new ArgumentException($"--limit: the burst must be at least 1, not {rate[1]}");
        return new RateLimit(target[0], perSecond, Math.Max(1, burst), target.Length == 2 ? target[1] : null);
    }
}
