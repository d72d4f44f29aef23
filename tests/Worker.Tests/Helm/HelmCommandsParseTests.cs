using Provisioner.Worker.Helm;
using Provisioner.Worker.Stages.MilvusRelease;
using Provisioner.Worker.Tests.Infrastructure;

namespace Provisioner.Worker.Tests.Helm;

/// <summary>
/// HelmCommands' lines as the real helm parses them. Against a cluster that refuses every connection, "cluster
/// unreachable" means helm accepted the whole line (it parses flags and counts arguments before it dials). A value that
/// looks like a flag is put in a positional's place after building, since HelmCommands itself refuses to build it.
/// </summary>
public sealed class HelmCommandsParseTests : IDisposable
{
    private const string Placeholder = "placeholder";
    private readonly DirectoryInfo temp = Directory.CreateTempSubdirectory("helm-parse-tests-");
    private readonly TestKubeconfig refusing = new(TestKubeconfig.RefusingServer);
    private readonly MilvusReleasePlan plan = TestRequests.Plan(TestRequests.Valid()).Helm! with
    {
        Chart = HelmProcess.StubChart,
        Repository = null,
        Version = null,
    };

    public void Dispose()
    {
        refusing.Dispose();
        temp.Delete(recursive: true);
    }

    private HelmOptions Options => new() { Kubeconfig = refusing.Path, Timeout = TimeSpan.FromSeconds(30) };

    [HelmFact(4)]
    public Task EveryCommand_Helm4_AcceptedWithDashDash() => EveryCommandAcceptedAsync(4);

    [HelmFact(3)]
    public Task EveryCommand_Helm3_AcceptedWithDashDash() => EveryCommandAcceptedAsync(3);

    [HelmFact(4)]
    public Task UpgradeInstall_ChartLikeAPostRendererFlagHelm4_TakenAsTheChart() =>
        ChartLikeAFlagAsync(4, withoutDashDash: "for \"--post-renderer\" flag");

    [HelmFact(3)]
    public Task UpgradeInstall_ChartLikeAPostRendererFlagHelm3_TakenAsTheChart() =>
        ChartLikeAFlagAsync(3, withoutDashDash: "\"helm upgrade\" requires 2 arguments");

    [HelmFact(4)]
    public Task UpgradeInstall_ReleaseNamedDebugHelm4_TakenAsTheRelease() => ReleaseNamedDebugAsync(4);

    [HelmFact(3)]
    public Task UpgradeInstall_ReleaseNamedDebugHelm3_TakenAsTheRelease() => ReleaseNamedDebugAsync(3);

    private async Task EveryCommandAcceptedAsync(int major)
    {
        foreach (var (name, args, _) in HelmCommandsTests.EveryCommand(major, plan, Options))
        {
            var (exitCode, _, error) = await HelmProcess.RunAsync(HelmBinaries.Require(major), [.. args]);

            Assert.True(exitCode == 1 && error.Contains("cluster unreachable", StringComparison.OrdinalIgnoreCase), $"helm {name}: {error}");
        }
    }

    private async Task ChartLikeAFlagAsync(int major, string withoutDashDash)
    {
        // A post-renderer that leaves a trace if helm ever runs it.
        var trace = Path.Combine(temp.FullName, "post-renderer-ran");
        var script = await BashScript.WriteAsync(Path.Combine(temp.FullName, "post-renderer"), $"touch '{trace}'\ncat\n");
        var chart = $"--post-renderer={script}";
        var args = HelmCommands.UpgradeInstall(major, plan with { Chart = Placeholder }, "/dev/null", Options).ToList();
        Assert.Equal(["--", plan.Release, Placeholder], args.TakeLast(3));
        args[^1] = chart;

        var (_, _, error) = await HelmProcess.RunAsync(HelmBinaries.Require(major), [.. args]);
        var (_, _, control) = await HelmProcess.RunAsync(HelmBinaries.Require(major), [.. args.Where(a => a != "--")]);
        // Where helm reads a chart without a cluster, the same positional is looked up as a chart (repo "--post-renderer=").
        var (_, _, template) = await HelmProcess.RunAsync(HelmBinaries.Require(major), "template", "--", plan.Release, chart);

        Assert.Contains("cluster unreachable", error, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(withoutDashDash, control);
        Assert.Contains("repo --post-renderer= not found", template);
        Assert.False(File.Exists(trace), "helm ran the post-renderer");
    }

    private async Task ReleaseNamedDebugAsync(int major)
    {
        var args = HelmCommands.UpgradeInstall(major, plan with { Release = Placeholder }, "/dev/null", Options).ToList();
        Assert.Equal(["--", Placeholder, plan.Chart], args.TakeLast(3));
        args[^2] = "--debug";

        var (_, _, error) = await HelmProcess.RunAsync(HelmBinaries.Require(major), [.. args]);
        var (_, _, control) = await HelmProcess.RunAsync(HelmBinaries.Require(major), [.. args.Where(a => a != "--")]);
        var (_, _, template) = await HelmProcess.RunAsync(HelmBinaries.Require(major), "template", "--", "--debug", plan.Chart);

        Assert.Contains("cluster unreachable", error, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("[debug]", error);
        Assert.Contains("\"helm upgrade\" requires 2 arguments", control);
        Assert.Contains("release name \"--debug\": invalid release name", template);
    }
}
