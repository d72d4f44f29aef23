using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Provisioner.Worker.Helm;
using Provisioner.Worker.Stages.MilvusRelease;
using Provisioner.Worker.Tests.Infrastructure;

namespace Provisioner.Worker.Tests.Helm;

/// <summary>
/// HelmCli driving the real binaries: against the Kubernetes stand-in, every command the worker runs, for both majors;
/// and with a kubeconfig whose server refuses every connection, how failures are classified (helm parses every flag
/// before it dials, so a flag the version lacks fails first).
/// </summary>
public sealed class HelmCliTests : IDisposable
{
    private static readonly string SecretPrinter = RepositoryRoot.Combine("tests", "charts", "secret-printer");
    private readonly DirectoryInfo temp = Directory.CreateTempSubdirectory("helm-cli-tests-");
    private readonly TestKubeconfig refusing = new(TestKubeconfig.RefusingServer);
    private readonly MilvusReleasePlan plan = TestRequests.Plan(TestRequests.Valid()).Helm! with { Chart = HelmProcess.StubChart, Repository = null, Version = null };

    public void Dispose()
    {
        refusing.Dispose();
        temp.Delete(recursive: true);
    }

    [HelmFact(4)]
    public async Task MajorVersionAsync_Helm4Binary_Four() => Assert.Equal(4, await Cli(4).MajorVersionAsync(CancellationToken.None));

    [HelmFact(3)]
    public async Task MajorVersionAsync_Helm3Binary_Three() => Assert.Equal(3, await Cli(3).MajorVersionAsync(CancellationToken.None));

    [HelmFact(4)]
    public Task UpgradeInstallAsync_Helm4UnreachableCluster_FlagsAcceptedRetryableAndValuesFileRemoved() => UpgradeUnreachableAsync(4);

    [HelmFact(3)]
    public Task UpgradeInstallAsync_Helm3UnreachableCluster_FlagsAcceptedRetryableAndValuesFileRemoved() => UpgradeUnreachableAsync(3);

    [HelmFact(3)]
    public async Task UpgradeInstall_Helm4FlagsOnHelm3_RefusedAsTerminal()
    {
        // Why the version is detected: Helm 3 refuses Helm 4's spelling before doing anything.
        var args = HelmCommands.UpgradeInstall(4, plan, "/dev/null", new HelmOptions { Kubeconfig = refusing.Path });

        var (exitCode, _, error) = await HelmProcess.RunAsync(HelmBinaries.Require(3), [.. args]);

        Assert.Equal((1, HelmErrorKind.Terminal), (exitCode, HelmErrors.Classify(error)));
        Assert.Contains("unknown flag: --rollback-on-failure", error);
    }

    [HelmFact(4)]
    public async Task UninstallAsync_Helm4UnreachableCluster_Retryable() =>
        Assert.Equal(HelmErrorKind.Retryable, (await Assert.ThrowsAsync<HelmException>(
            () => Cli(4).UninstallAsync("milvus-demo", "milvus", CancellationToken.None))).Kind);

    [HelmFact(3)]
    public async Task RollbackAsync_Helm3UnreachableCluster_Retryable() =>
        Assert.Equal(HelmErrorKind.Retryable, (await Assert.ThrowsAsync<HelmException>(
            () => Cli(3).RollbackAsync("milvus-demo", "milvus", 2, CancellationToken.None))).Kind);

    [HelmFact(4)]
    public async Task StatusAsync_Helm4UnreachableCluster_RetryableWithStderr()
    {
        var ex = await Assert.ThrowsAsync<HelmException>(() => Cli(4).StatusAsync("milvus-demo", "milvus", CancellationToken.None));

        Assert.Equal((HelmErrorKind.Retryable, "status", 1), (ex.Kind, ex.Command, ex.ExitCode));
        Assert.StartsWith("helm status failed (exit 1): Error: kubernetes cluster unreachable: ", ex.Message);
        Assert.Contains("connection refused", ex.Stderr);
    }

    [HelmFact(4)]
    public Task RunAsync_TemplatePrintsASecretThroughFailHelm4_ReasonNamesTheTemplateOnlyAndDebugLogHasIt() =>
        SecretWithheldAsync(4, "fail", "execution error at (secret-printer/templates/secret.yaml:4:4)", "template");

    [HelmFact(3)]
    public Task RunAsync_TemplatePrintsASecretThroughFailHelm3_ReasonNamesTheTemplateOnlyAndDebugLogHasIt() =>
        SecretWithheldAsync(3, "fail", "execution error at (secret-printer/templates/secret.yaml:4:4)", "template");

    [HelmFact(4)]
    public Task RunAsync_DryRunPrintsASecretThroughRequiredHelm4_ReasonNamesTheTemplateOnlyAndDebugLogHasIt() =>
        SecretWithheldAsync(4, "required", "INSTALLATION FAILED: execution error at (secret-printer/templates/secret.yaml:6:4)",
            "install", "--dry-run=client");

    [HelmFact(3)]
    public Task RunAsync_TemplateIncludesASecretAsTemplateNameHelm3_ReasonNamesTheTemplateOnlyAndDebugLogHasIt() =>
        SecretWithheldAsync(3, "include", "template: secret-printer/templates/secret.yaml:8:4", "template");

    [HelmFact(4)]
    public Task RunAsync_TemplateParsesASecretWithTplHelm4_ReasonNamesTheTemplateOnlyAndDebugLogHasIt() =>
        SecretWithheldAsync(4, "tpl", "template: secret-printer/templates/secret.yaml:10:4", "template");

    [Fact]
    public async Task MajorVersionAsync_MissingBinary_TerminalHelmException()
    {
        var cli = new HelmCli(Microsoft.Extensions.Options.Options.Create(new HelmOptions { Binary = Path.Combine(temp.FullName, "no-helm") }),
            NullLogger<HelmCli>.Instance);

        var ex = await Assert.ThrowsAsync<HelmException>(() => cli.MajorVersionAsync(CancellationToken.None));

        Assert.Equal(HelmErrorKind.Terminal, ex.Kind);
        Assert.Contains("cannot start", ex.Message);
    }

    [HelmFact(4)]
    public async Task HistoryAsync_ClusterNeverAnswersThenCancelled_HelmStoppedAtOnce()
    {
        // A server that accepts and never answers: helm would wait for its own 32 s client timeout.
        var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        try
        {
            using var kubeconfig = new TestKubeconfig($"http://127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}");
            using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
            var clock = Stopwatch.StartNew();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Cli(4, kubeconfig.Path).HistoryAsync("milvus-demo", "milvus", cancel.Token));

            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"helm ran {clock.Elapsed} after cancellation");
        }
        finally
        {
            silent.Stop();
        }
    }

    [HelmFact(4)]
    public Task Commands_Helm4OnStandIn_InstallUpgradeRollbackUninstallAndMissingAnswers() => CommandsOnStandInAsync(4);

    [HelmFact(3)]
    public Task Commands_Helm3OnStandIn_InstallUpgradeRollbackUninstallAndMissingAnswers() => CommandsOnStandInAsync(3);

    private async Task CommandsOnStandInAsync(int major)
    {
        await using var standIn = await HelmStandIn.StartAsync(plan.Namespace);
        var cli = Cli(major, standIn.Kubeconfig);
        var ct = CancellationToken.None;
        var changed = plan.Values.Replace("\"region\":\"us-east-2\"", "\"region\":\"us-west-2\"", StringComparison.Ordinal);

        await cli.UpgradeInstallAsync(plan, plan.Values, ct);
        await cli.UpgradeInstallAsync(plan, changed, ct);
        var upgraded = await cli.StatusAsync(plan.Release, plan.Namespace, ct);
        await cli.RollbackAsync(plan.Release, plan.Namespace, 1, ct);

        Assert.Equal((2, HelmStatuses.Deployed, "us-west-2"), (upgraded!.Revision, upgraded.Status, upgraded.Values["externalS3"]!["region"]!.GetValue<string>()));
        Assert.Equal([HelmStatuses.Superseded, HelmStatuses.Superseded, HelmStatuses.Deployed],
            (await cli.HistoryAsync(plan.Release, plan.Namespace, ct)).Select(r => r.Status));
        Assert.Equal("us-east-2", (await cli.GetValuesAsync(plan.Release, plan.Namespace, ct))!["externalS3"]!["region"]!.GetValue<string>());
        Assert.Contains("region: us-east-2", standIn.RenderedConfig(plan.Namespace, plan.Release));
        Assert.True(await cli.UninstallAsync(plan.Release, plan.Namespace, ct));
        Assert.Empty(standIn.ReleaseSecrets(plan.Namespace, plan.Release));
        Assert.False(await cli.UninstallAsync(plan.Release, plan.Namespace, ct));
        Assert.Null(await cli.StatusAsync(plan.Release, plan.Namespace, ct));
        Assert.Null(await cli.GetValuesAsync(plan.Release, plan.Namespace, ct));
        Assert.Empty(await cli.HistoryAsync(plan.Release, plan.Namespace, ct));
        Assert.Empty(temp.GetFiles());
        // Helm 4 applies server-side; Helm 3 upgrades with a three-way strategic merge patch.
        var patchType = major == 4 ? "application/apply-patch+yaml" : "application/strategic-merge-patch+json";
        Assert.Contains(standIn.Cluster.Requests, r => r.Method == "PATCH" && r.Path.EndsWith("/configmaps/milvus-tenant-a-milvus", StringComparison.Ordinal)
            && r.ContentType?.StartsWith(patchType, StringComparison.Ordinal) == true);
        // Every call helm made got a real answer: nothing refused as unknown, unsupported or broken, only "not there yet".
        Assert.All(standIn.Cluster.Requests, r => Assert.True(r.StatusCode is < 400 || (r.Method, r.StatusCode) == ("GET", 404), $"{r} {r.Query} → {r.StatusCode}"));
    }

    private async Task UpgradeUnreachableAsync(int major)
    {
        var ex = await Assert.ThrowsAsync<HelmException>(() => Cli(major).UpgradeInstallAsync(plan, plan.Values, CancellationToken.None));

        Assert.Equal((HelmErrorKind.Retryable, "upgrade --install"), (ex.Kind, ex.Command));
        Assert.Contains("cluster unreachable", ex.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(temp.GetFiles());
    }

    /// <summary>A chart reads a Secret and prints it in its rendering error; the planted text stands in for the Secret's content.</summary>
    private async Task SecretWithheldAsync(int major, string printBy, string location, params string[] command)
    {
        var planted = $"planted-{Guid.NewGuid():N}";
        var log = new CapturingLogger<HelmCli>();
        var cli = new HelmCli(Microsoft.Extensions.Options.Options.Create(new HelmOptions { Binary = HelmBinaries.Require(major) }), log);
        string[] args = [.. command, "--namespace", "milvus", "--set", $"planted={planted}", "--set", $"printBy={printBy}", "--", "r", SecretPrinter];

        var ex = await Assert.ThrowsAsync<HelmException>(() => cli.RunAsync(command[0], args, CancellationToken.None));

        Assert.Equal($"helm {command[0]} failed (exit 1): Error: {location}: {HelmFailureReason.Withheld}", ex.Message);
        Assert.DoesNotContain(planted, ex.ToString());
        Assert.Contains(planted, ex.Stderr);
        Assert.Equal(HelmErrorKind.Terminal, ex.Kind);
        var logged = log.Entries.Where(e => e.Text.Contains(planted, StringComparison.Ordinal)).ToList();
        Assert.Contains(logged, e => e.Text.Contains(location, StringComparison.Ordinal));
        Assert.All(logged, e => Assert.Equal(LogLevel.Debug, e.Level));
    }

    private HelmCli Cli(int major, string? kubeconfig = null) =>
        new(Microsoft.Extensions.Options.Options.Create(new HelmOptions
        {
            Binary = HelmBinaries.Require(major),
            Kubeconfig = kubeconfig ?? refusing.Path,
            Timeout = TimeSpan.FromSeconds(30),
        }), NullLogger<HelmCli>.Instance)
        {
            TempDirectory = temp.FullName,
        };
}
