using System.ComponentModel;
using System.Text;
using System.Text.Json.Nodes;
using CliWrap;
using Microsoft.Extensions.Options;
using Provisioner.Worker.Stages.MilvusRelease;

namespace Provisioner.Worker.Helm;

/// <summary>
/// The helm CLI through CliWrap. Every non-zero exit becomes a classified <see cref="HelmException"/> whose message is
/// safe to show (its whole stderr goes to the log at Debug only); a missing release is an answer (null, empty, false),
/// not an error. No state of helm's own is relied on (no <c>helm repo add</c>), values reach helm only through a
/// private temporary file, and helm sees only the environment <see cref="HelmEnvironment"/> passes.
/// </summary>
public sealed class HelmCli(IOptions<HelmOptions> options, ILogger<HelmCli> logger, Testing.MutationSeam? seam = null)
{
    /// <summary>How long helm gets after an interrupt to record its release as failed before it is killed.</summary>
    private static readonly TimeSpan InterruptGrace = TimeSpan.FromSeconds(10);

    private int major;

    public HelmOptions Options => options.Value;

    /// <summary>Where the values file lives while helm runs; a test may point it at a directory it watches.</summary>
    internal string TempDirectory { get; init; } = Path.GetTempPath();

    public async Task<int> MajorVersionAsync(CancellationToken ct)
    {
        if (major != 0) return major;
        var version = await RunAsync("version", HelmCommands.Version(), ct);
        try
        {
            return major = HelmCommands.ParseMajor(version);
        }
        catch (NotSupportedException ex)
        {
            throw HelmException.Own("version", 0, ex.Message);
        }
    }

    public async Task<HelmReleaseStatus?> StatusAsync(string release, string ns, CancellationToken ct) =>
        await UnlessMissingAsync(RunAsync("status", HelmCommands.Status(release, ns, Options), ct)) is { } json
            ? HelmReleaseStatus.Parse(json)
            : null;

    /// <summary>The user-supplied values of the current revision; null when the release does not exist.</summary>
    public async Task<JsonObject?> GetValuesAsync(string release, string ns, CancellationToken ct) =>
        await UnlessMissingAsync(RunAsync("get values", HelmCommands.GetValues(release, ns, Options), ct)) is { } json
            ? JsonNode.Parse(json) as JsonObject ?? []
            : null;

    /// <summary>Oldest revision first; empty when the release does not exist.</summary>
    public async Task<IReadOnlyList<HelmRevision>> HistoryAsync(string release, string ns, CancellationToken ct) =>
        await UnlessMissingAsync(RunAsync("history", HelmCommands.History(release, ns, Options), ct)) is { } json
            ? HelmRevision.ParseHistory(json)
            : [];

    /// <summary>Install or upgrade and wait; a failed attempt is rolled back by helm itself (atomic / rollback-on-failure).</summary>
    public async Task UpgradeInstallAsync(MilvusReleasePlan plan, string values, CancellationToken ct)
    {
        var version = await MajorVersionAsync(ct);
        await using var file = await PrivateValuesFile.WriteAsync(TempDirectory, values, ct);
        logger.LogInformation("helm upgrade --install {Release} ({Chart} {ChartVersion}) in {Namespace}",
            plan.Release, plan.Chart, plan.Version ?? "latest", plan.Namespace);
        await MutateAsync($"helm upgrade --install {plan.Namespace}/{plan.Release}",
            () => RunAsync("upgrade --install", HelmCommands.UpgradeInstall(version, plan, file.Path, Options), ct));
    }

    public async Task RollbackAsync(string release, string ns, int revision, CancellationToken ct)
    {
        var version = await MajorVersionAsync(ct);
        logger.LogInformation("helm rollback {Release} in {Namespace} to revision {Revision}", release, ns, revision);
        await MutateAsync($"helm rollback {ns}/{release}", () => RunAsync("rollback", HelmCommands.Rollback(version, release, ns, revision, Options), ct));
    }

    /// <summary>False when there was nothing to uninstall.</summary>
    public async Task<bool> UninstallAsync(string release, string ns, CancellationToken ct)
    {
        var version = await MajorVersionAsync(ct);
        logger.LogInformation("helm uninstall {Release} in {Namespace}", release, ns);
        return await UnlessMissingAsync(MutateAsync($"helm uninstall {ns}/{release}",
            () => RunAsync("uninstall", HelmCommands.Uninstall(version, release, ns, Options), ct))) is not null;
    }

    /// <summary>A command that changes the cluster: the crash tests' seam sees it (nothing happens without one).</summary>
    private Task<string> MutateAsync(string call, Func<Task<string>> run) => seam is null ? run() : seam.AroundAsync(call, run);

    private static async Task<string?> UnlessMissingAsync(Task<string> run)
    {
        try
        {
            return await run;
        }
        catch (HelmException ex) when (ex.Kind == HelmErrorKind.NotFound)
        {
            return null;
        }
    }

    /// <summary>Internal so tests can run, through the same path, what the worker never runs (<c>template</c>).</summary>
    internal async Task<string> RunAsync(string name, IReadOnlyList<string> args, CancellationToken ct)
    {
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        // Cancellation first interrupts helm (it marks an install or upgrade as failed), then kills it after a grace period.
        using var kill = new CancellationTokenSource();
        await using var escalate = ct.Register(() => kill.CancelAfter(InterruptGrace));
        logger.LogDebug("Running {HelmBinary} {HelmArguments}", Options.Binary, args);
        using var span = Telemetry.ProvisionerTelemetry.Source.StartActivity($"helm {name}", System.Diagnostics.ActivityKind.Client);
        CommandResult result;
        try
        {
            result = await CliWrap.Cli.Wrap(Options.Binary).WithArguments(args)
                .WithEnvironmentVariables(HelmEnvironment.Removals(Environment.GetEnvironmentVariables()))
                .WithValidation(CommandResultValidation.None)
                .WithStandardOutputPipe(PipeTarget.ToStringBuilder(stdout))
                .WithStandardErrorPipe(PipeTarget.ToStringBuilder(stderr))
                .ExecuteAsync(kill.Token, ct);
        }
        catch (Exception ex) when (ex is Win32Exception or InvalidOperationException { InnerException: Win32Exception })
        {
            throw HelmException.Own(name, -1, $"cannot start '{Options.Binary}': {ex.Message}");
        }
        span?.SetTag("process.exit.code", result.ExitCode);
        if (result.ExitCode == 0) return stdout.ToString();
        span?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, "helm exited " + result.ExitCode);
        var error = stderr.ToString().Trim();
        // A chart's template may have printed anything it read from the cluster: the whole text is for Debug only.
        logger.LogDebug("helm {HelmCommand} exited {ExitCode}: {HelmStderr}", name, result.ExitCode, error);
        throw new HelmException(name, result.ExitCode, error);
    }
}
