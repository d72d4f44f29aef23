using System.Globalization;
using Provisioner.Worker.Stages.MilvusRelease;

namespace Provisioner.Worker.Helm;

/// <summary>
/// Pure command lines for helm. Values only ever travel in a file (<c>--values</c>), never as <c>--set</c>, so nothing
/// of them shows in a process list. Helm 4 renamed <c>--atomic</c> and turned <c>--wait</c> into a strategy, and
/// Helm 3 refuses both new spellings, so every mutating command is built for one major version.
/// Every flag comes first and the positionals (release, chart, revision) last, after <c>--</c>: from there helm parses
/// nothing as a flag, so a chart named <c>--post-renderer=…</c> stays a chart. Both majors refuse a flag after
/// <c>--</c> (it counts as one more argument), hence flags first.
/// </summary>
public static class HelmCommands
{
    public static IReadOnlyList<string> Version() => ["version", "--template", "{{.Version}}"];

    /// <summary><c>v4.1.4</c> → 4. Only 3 and 4 are supported: their flags are the only ones we know.</summary>
    public static int ParseMajor(string version)
    {
        var text = version.Trim().TrimStart('v');
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        return int.TryParse(dot < 0 ? text : text[..dot], NumberStyles.None, CultureInfo.InvariantCulture, out var major) && major is 3 or 4
            ? major
            : throw new NotSupportedException($"helm '{version.Trim()}' is not supported; use Helm 3 or Helm 4");
    }

    public static IReadOnlyList<string> UpgradeInstall(int major, MilvusReleasePlan plan, string valuesFile, HelmOptions options)
    {
        List<string> args = ["upgrade", "--install", "--namespace", Operand("namespace", plan.Namespace)];
        if (UsesRepository(plan)) args.AddRange(["--repo", Operand("repository", plan.Repository!)]);
        if (!string.IsNullOrEmpty(plan.Version)) args.AddRange(["--version", Operand("chart version", plan.Version)]);
        // --reset-values: the release's values become exactly the plan's, whatever someone --set by hand before.
        args.AddRange(["--values", valuesFile, "--reset-values"]);
        args.AddRange(major >= 4 ? ["--rollback-on-failure", "--wait=watcher"] : ["--atomic", "--wait"]);
        return Finish(args, options, withTimeout: true, Operand("release", plan.Release), Operand("chart", plan.Chart));
    }

    public static IReadOnlyList<string> Status(string release, string ns, HelmOptions options) =>
        Finish(["status", "--namespace", Operand("namespace", ns), "--output", "json"], options, withTimeout: false, Operand("release", release));

    public static IReadOnlyList<string> GetValues(string release, string ns, HelmOptions options) =>
        Finish(["get", "values", "--namespace", Operand("namespace", ns), "--output", "json"], options, withTimeout: false,
            Operand("release", release));

    public static IReadOnlyList<string> History(string release, string ns, HelmOptions options) =>
        Finish(["history", "--namespace", Operand("namespace", ns), "--output", "json"], options, withTimeout: false, Operand("release", release));

    public static IReadOnlyList<string> Rollback(int major, string release, string ns, int revision, HelmOptions options) =>
        Finish(["rollback", "--namespace", Operand("namespace", ns), Wait(major)], options, withTimeout: true,
            Operand("release", release), revision.ToString(CultureInfo.InvariantCulture));

    /// <summary>No <c>--ignore-not-found</c>: older Helm 3 releases lack it, so a missing release is recognised from the error.</summary>
    public static IReadOnlyList<string> Uninstall(int major, string release, string ns, HelmOptions options) =>
        Finish(["uninstall", "--namespace", Operand("namespace", ns), Wait(major)], options, withTimeout: true, Operand("release", release));

    /// <summary>A Go duration as helm parses it: whole seconds, rounded up (<c>15m0s</c>, <c>1h30m0s</c>, <c>45s</c>).</summary>
    public static string Duration(TimeSpan value)
    {
        var seconds = Math.Max(1, (long)Math.Ceiling(value.TotalSeconds));
        var (hours, minutes, rest) = (seconds / 3600, seconds % 3600 / 60, seconds % 60);
        return hours > 0 ? FormattableString.Invariant($"{hours}h{minutes}m{rest}s")
            : minutes > 0 ? FormattableString.Invariant($"{minutes}m{rest}s")
            : FormattableString.Invariant($"{rest}s");
    }

    /// <summary>A chart name looked up in a repository URL; <c>oci://</c> references and local paths stand alone.</summary>
    public static bool UsesRepository(MilvusReleasePlan plan) =>
        !string.IsNullOrEmpty(plan.Repository) && !plan.Chart.StartsWith("oci://", StringComparison.OrdinalIgnoreCase);

    private static string Wait(int major) => major >= 4 ? "--wait=watcher" : "--wait";

    /// <summary>
    /// A value of the request on helm's command line. <c>--</c> already keeps a positional from being read as a flag;
    /// this refuses one that looks like a flag anyway (validation of the request refuses it first), so no later change
    /// to the layout can reopen it.
    /// </summary>
    private static string Operand(string what, string value) =>
        string.IsNullOrWhiteSpace(value) ? throw new ArgumentException($"helm {what} is empty", nameof(value))
        : value.StartsWith('-') ? throw new ArgumentException($"helm {what} '{value}' starts with '-' and would read as a flag", nameof(value))
        : value;

    private static List<string> Finish(List<string> args, HelmOptions options, bool withTimeout, params string[] positionals)
    {
        if (withTimeout) args.AddRange(["--timeout", Duration(options.Timeout)]);
        if (!string.IsNullOrEmpty(options.KubeContext)) args.AddRange(["--kube-context", options.KubeContext]);
        if (!string.IsNullOrEmpty(options.Kubeconfig)) args.AddRange(["--kubeconfig", options.Kubeconfig]);
        args.Add("--");
        args.AddRange(positionals);
        return args;
    }
}
