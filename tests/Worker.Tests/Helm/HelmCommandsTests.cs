using Provisioner.Worker.Helm;
using Provisioner.Worker.Stages.MilvusRelease;
using Provisioner.Worker.Tests.Infrastructure;

namespace Provisioner.Worker.Tests.Helm;

public sealed class HelmCommandsTests
{
    private static readonly HelmOptions Options = new();
    private static readonly MilvusReleasePlan Plan = TestRequests.Plan(TestRequests.Valid()).Helm!;

    [Fact]
    public void UpgradeInstall_Helm4_RollbackOnFailureAndWatcherWait() =>
        Assert.Equal(
            ["upgrade", "--install", "--namespace", "milvus", "--repo", "https://zilliztech.github.io/milvus-helm/", "--version", "5.0.19",
             "--values", "/tmp/v.json", "--reset-values", "--rollback-on-failure", "--wait=watcher", "--timeout", "15m0s", "--", "milvus-tenant-a", "milvus"],
            HelmCommands.UpgradeInstall(4, Plan, "/tmp/v.json", Options));

    [Fact]
    public void UpgradeInstall_Helm3_AtomicAndPlainWait()
    {
        var args = HelmCommands.UpgradeInstall(3, Plan, "/tmp/v.json", Options);

        Assert.Equal(["--atomic", "--wait", "--timeout", "15m0s", "--", "milvus-tenant-a", "milvus"], args.TakeLast(7));
        Assert.DoesNotContain("--rollback-on-failure", args);
        Assert.DoesNotContain(args, a => a.StartsWith("--wait=", StringComparison.Ordinal));
    }

    [Fact]
    public void UpgradeInstall_Helm4_NoDeprecatedAtomic() =>
        Assert.DoesNotContain("--atomic", HelmCommands.UpgradeInstall(4, Plan, "/tmp/v.json", Options));

    [Theory]
    [InlineData("oci://registry.example.com/charts/milvus")]
    [InlineData("./charts/milvus")]
    [InlineData("/srv/charts/milvus-5.0.19.tgz")]
    public void UpgradeInstall_OciOrLocalChart_ChartStandsAloneWithoutRepo(string chart)
    {
        var args = HelmCommands.UpgradeInstall(4, Plan with { Chart = chart, Repository = null }, "/tmp/v.json", Options);

        Assert.Equal(["--", "milvus-tenant-a", chart], args.TakeLast(3));
        Assert.DoesNotContain("--repo", args);
    }

    [Fact]
    public void UpgradeInstall_OciChartWithStrayRepository_RepoIgnored() =>
        Assert.DoesNotContain("--repo", HelmCommands.UpgradeInstall(4, Plan with { Chart = "oci://r.example.com/milvus" }, "/tmp/v.json", Options));

    [Fact]
    public void UpgradeInstall_NoVersion_LatestWithoutVersionFlag() =>
        Assert.DoesNotContain("--version", HelmCommands.UpgradeInstall(4, Plan with { Version = null }, "/tmp/v.json", Options));

    [Theory]
    [InlineData("5.0.19")]
    [InlineData("^5.0.0")]
    public void UpgradeInstall_Version_PassedAsGiven(string version)
    {
        var args = HelmCommands.UpgradeInstall(3, Plan with { Version = version }, "/tmp/v.json", Options).ToList();

        Assert.Equal(version, args[args.IndexOf("--version") + 1]);
    }

    [Fact]
    public void UpgradeInstall_GeneratedValues_OnlyTheFileNameOnTheCommandLine()
    {
        var args = string.Join(' ', HelmCommands.UpgradeInstall(4, Plan, "/tmp/v.json", Options));

        Assert.DoesNotContain("--set", args);
        Assert.DoesNotContain(TestRequests.DerivedBucket, args);
        Assert.DoesNotContain("milvus-s3-access-sa", args);
        Assert.DoesNotContain("{", args);
        Assert.Contains("--values /tmp/v.json", args);
    }

    [Fact]
    public void UpgradeInstall_KubeContextAndKubeconfig_PassedAsFlags()
    {
        var options = new HelmOptions { KubeContext = "eks-prod", Kubeconfig = "/etc/kube/config" };

        Assert.Equal(["--kube-context", "eks-prod", "--kubeconfig", "/etc/kube/config", "--", "milvus-tenant-a", "milvus"],
            HelmCommands.UpgradeInstall(4, Plan, "/tmp/v.json", options).TakeLast(7));
    }

    [Theory]
    [InlineData(4, "--wait=watcher")]
    [InlineData(3, "--wait")]
    public void Uninstall_MajorVersion_WaitsInThatVersionsSpelling(int major, string wait) =>
        Assert.Equal(["uninstall", "--namespace", "milvus", wait, "--timeout", "15m0s", "--", "milvus-demo"],
            HelmCommands.Uninstall(major, "milvus-demo", "milvus", Options));

    [Theory]
    [InlineData(4, "--wait=watcher")]
    [InlineData(3, "--wait")]
    public void Rollback_MajorVersion_ToTheRevisionAndWaits(int major, string wait) =>
        Assert.Equal(["rollback", "--namespace", "milvus", wait, "--timeout", "15m0s", "--", "milvus-demo", "2"],
            HelmCommands.Rollback(major, "milvus-demo", "milvus", 2, Options));

    [Fact]
    public void Status_AnyVersion_JsonOutputWithoutTimeout() =>
        Assert.Equal(["status", "--namespace", "ns", "--output", "json", "--", "r"], HelmCommands.Status("r", "ns", Options));

    [Fact]
    public void GetValues_AnyVersion_UserValuesAsJson() =>
        Assert.Equal(["get", "values", "--namespace", "ns", "--output", "json", "--", "r"], HelmCommands.GetValues("r", "ns", Options));

    [Fact]
    public void History_WithKubeContext_JsonOutputAndContext() =>
        Assert.Equal(["history", "--namespace", "ns", "--output", "json", "--kube-context", "eks", "--", "r"],
            HelmCommands.History("r", "ns", Options with { KubeContext = "eks" }));

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    public void EveryCommand_AnyMajor_FlagsFirstThenDashDashThenOnlyThePositionals(int major)
    {
        foreach (var (name, args, positionals) in EveryCommand(major, Plan, Options))
        {
            var dashDash = args.ToList().IndexOf("--");
            Assert.True(dashDash > 0 && args.Count(a => a == "--") == 1, $"{name}: {string.Join(' ', args)}");
            Assert.Equal(positionals, args.Skip(dashDash + 1));
            Assert.DoesNotContain(Plan.Release, args.Take(dashDash));
        }
    }

    [Theory]
    [InlineData("release", "--debug")]
    [InlineData("namespace", "-n")]
    [InlineData("chart", "--post-renderer=/bin/sh")]
    [InlineData("repository", "--repo")]
    [InlineData("version", "-1")]
    [InlineData("chart", "")]
    public void UpgradeInstall_OperandLikeAFlagOrEmpty_Refused(string field, string value)
    {
        var plan = field switch
        {
            "release" => Plan with { Release = value },
            "namespace" => Plan with { Namespace = value },
            "chart" => Plan with { Chart = value },
            "repository" => Plan with { Repository = value },
            _ => Plan with { Version = value },
        };

        Assert.Contains(field, Assert.Throws<ArgumentException>(() => HelmCommands.UpgradeInstall(4, plan, "/tmp/v.json", Options)).Message);
    }

    [Theory]
    [InlineData("--debug", "milvus", "release")]
    [InlineData("milvus-demo", "--all-namespaces", "namespace")]
    public void ReleaseCommands_ReleaseOrNamespaceLikeAFlag_Refused(string release, string ns, string field)
    {
        Func<IReadOnlyList<string>>[] commands =
        [
            () => HelmCommands.Status(release, ns, Options), () => HelmCommands.GetValues(release, ns, Options),
            () => HelmCommands.History(release, ns, Options), () => HelmCommands.Rollback(4, release, ns, 1, Options),
            () => HelmCommands.Uninstall(3, release, ns, Options),
        ];

        Assert.All(commands, command => Assert.Contains(field, Assert.Throws<ArgumentException>(command).Message));
    }

    [Theory]
    [InlineData(900_000, "15m0s")]
    [InlineData(5_400_000, "1h30m0s")]
    [InlineData(3_600_000, "1h0m0s")]
    [InlineData(45_000, "45s")]
    [InlineData(90_500, "1m31s")]
    [InlineData(1, "1s")]
    [InlineData(0, "1s")]
    public void Duration_Milliseconds_GoDurationInWholeSecondsRoundedUp(int milliseconds, string expected) =>
        Assert.Equal(expected, HelmCommands.Duration(TimeSpan.FromMilliseconds(milliseconds)));

    [Theory]
    [InlineData("v4.1.4", 4)]
    [InlineData("v3.18.0", 3)]
    [InlineData("v3.9.0-rc.1\n", 3)]
    public void ParseMajor_SupportedVersion_Major(string version, int major) => Assert.Equal(major, HelmCommands.ParseMajor(version));

    [Theory]
    [InlineData("v2.17.0")]
    [InlineData("v5.0.0")]
    [InlineData("")]
    [InlineData("<no value>")]
    public void ParseMajor_UnsupportedVersion_Throws(string version) =>
        Assert.Throws<NotSupportedException>(() => HelmCommands.ParseMajor(version));

    /// <summary>Every command line the worker builds, with the positionals it must end with.</summary>
    internal static IEnumerable<(string Name, IReadOnlyList<string> Args, string[] Positionals)> EveryCommand(
        int major, MilvusReleasePlan plan, HelmOptions options) =>
    [
        ("upgrade --install", HelmCommands.UpgradeInstall(major, plan, "/dev/null", options), [plan.Release, plan.Chart]),
        ("rollback", HelmCommands.Rollback(major, plan.Release, plan.Namespace, 2, options), [plan.Release, "2"]),
        ("uninstall", HelmCommands.Uninstall(major, plan.Release, plan.Namespace, options), [plan.Release]),
        ("status", HelmCommands.Status(plan.Release, plan.Namespace, options), [plan.Release]),
        ("history", HelmCommands.History(plan.Release, plan.Namespace, options), [plan.Release]),
        ("get values", HelmCommands.GetValues(plan.Release, plan.Namespace, options), [plan.Release]),
    ];
}
