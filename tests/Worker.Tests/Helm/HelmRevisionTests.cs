using Provisioner.Worker.Helm;

namespace Provisioner.Worker.Tests.Helm;

public sealed class HelmRevisionTests
{
    [Fact]
    public void ParseHistory_ThreeRevisions_OldestFirstWithChartSplit() =>
        Assert.Equal(
            [
                new HelmRevision(1, "superseded", "milvus-stub", "0.1.0", "2.6.15-stub", "Install complete"),
                new HelmRevision(2, "deployed", "milvus-stub", "0.1.0", "2.6.15-stub", "Upgrade complete"),
                new HelmRevision(3, "pending-upgrade", "milvus-stub", "0.1.0", "2.6.15-stub", "Preparing upgrade"),
            ],
            HelmRevision.ParseHistory(HelmSamples.HistoryPendingUpgrade));

    [Fact]
    public void ParseHistory_OutOfOrderRows_SortedByRevision() =>
        Assert.Equal([1, 2], HelmRevision.ParseHistory("""
            [{"revision":2,"status":"deployed","chart":"milvus-5.0.19","app_version":"2.6.15"},
             {"revision":1,"status":"superseded","chart":"milvus-5.0.18","app_version":"2.6.14"}]
            """).Select(r => r.Revision));

    [Fact]
    public void ParseHistory_PendingInstall_OneStuckRevision()
    {
        var only = Assert.Single(HelmRevision.ParseHistory(HelmSamples.HistoryPendingInstall));

        Assert.Equal((1, "pending-install", true), (only.Revision, only.Status, only.IsStuck));
    }

    [Fact]
    public void ParseHistory_EmptyAppVersion_Null() =>
        Assert.Null(Assert.Single(HelmRevision.ParseHistory("""[{"revision":1,"status":"deployed","chart":"c-1.0.0","app_version":""}]""")).AppVersion);

    [Theory]
    [InlineData("{}")]
    [InlineData("""[{"status":"deployed","chart":"c-1.0.0"}]""")]
    [InlineData("""[{"revision":1,"chart":"c-1.0.0"}]""")]
    public void ParseHistory_NotAHistory_FormatException(string json) =>
        Assert.Throws<FormatException>(() => HelmRevision.ParseHistory(json));

    [Theory]
    [InlineData("milvus-5.0.19", "milvus", "5.0.19")]
    [InlineData("milvus-stub-0.1.0", "milvus-stub", "0.1.0")]
    [InlineData("milvus-5.0.19-rc.1", "milvus", "5.0.19-rc.1")]
    [InlineData("kube-prometheus-stack-65.1.0", "kube-prometheus-stack", "65.1.0")]
    [InlineData("app2-v1.2.3", "app2", "v1.2.3")]
    [InlineData("noversion", "noversion", null)]
    public void SplitChart_NameDashVersion_Split(string chart, string name, string? version) =>
        Assert.Equal((name, version), HelmRevision.SplitChart(chart));
}
