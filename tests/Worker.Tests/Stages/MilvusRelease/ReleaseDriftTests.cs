using System.Text.Json.Nodes;
using Provisioner.Worker.Helm;
using Provisioner.Worker.Planning;
using Provisioner.Worker.Stages.MilvusRelease;
using Provisioner.Worker.Tests.Infrastructure;

namespace Provisioner.Worker.Tests.Stages.MilvusRelease;

public sealed class ReleaseDriftTests
{
    private static readonly MilvusReleasePlan Plan = TestRequests.Plan(TestRequests.Valid()).Helm!;
    private static readonly HelmRevision Deployed = new(2, "deployed", "milvus", "5.0.19", "2.6.15", "Upgrade complete");

    [Fact]
    public void Of_InstalledAsPlanned_NoDrift() => Assert.Empty(ReleaseDrift.Of(Plan, Deployed, Installed(Plan)));

    [Fact]
    public void Of_CreatedByAnotherRequest_NoDrift() =>
        Assert.Empty(ReleaseDrift.Of(Plan, Deployed, Installed(Plan with { Tags = OwnershipTags.For("tenant-a", Guid.NewGuid()) })));

    [Fact]
    public void Of_HelmNumbersAndKeyOrder_NoDrift()
    {
        // Helm stores values as YAML-decoded floats and prints keys sorted: 443 stays 443, order is irrelevant.
        var printed = JsonNode.Parse(Installed(Plan).ToJsonString().Replace("443", "443.0", StringComparison.Ordinal))!.AsObject();

        Assert.Empty(ReleaseDrift.Of(Plan, Deployed, Sorted(printed)));
    }

    [Fact]
    public void Of_ValueChangedByHand_ValuesDrift()
    {
        var values = Installed(Plan);
        values["externalS3"]!["bucketName"] = "someone-elses-bucket";

        Assert.Equal([ReleaseDrift.Values], ReleaseDrift.Of(Plan, Deployed, values));
    }

    [Fact]
    public void Of_ExtraValueSetByHand_ValuesDrift()
    {
        var values = Installed(Plan);
        values["queryNode"] = new JsonObject { ["replicas"] = 5 };

        Assert.Equal([ReleaseDrift.Values], ReleaseDrift.Of(Plan, Deployed, values));
    }

    [Theory]
    [InlineData("failed")]
    [InlineData("pending-upgrade")]
    [InlineData("pending-install")]
    public void Of_NotDeployed_StatusDrift(string status) =>
        Assert.Equal([ReleaseDrift.Status], ReleaseDrift.Of(Plan, Deployed with { Status = status }, Installed(Plan)));

    [Fact]
    public void Of_OtherChartVersion_ChartVersionDrift() =>
        Assert.Equal([ReleaseDrift.ChartVersion], ReleaseDrift.Of(Plan, Deployed with { ChartVersion = "5.0.18" }, Installed(Plan)));

    [Theory]
    [InlineData(null)]
    [InlineData("^5.0.0")]
    [InlineData("5.0.x")]
    [InlineData(">=5.0.0 <6.0.0")]
    public void Of_UnpinnedVersion_NoChartVersionDrift(string? version) =>
        Assert.Empty(ReleaseDrift.Of(Plan with { Version = version }, Deployed with { ChartVersion = "5.0.18" }, Installed(Plan)));

    [Fact]
    public void Of_PinnedWithLeadingV_SameVersion() =>
        Assert.Empty(ReleaseDrift.Of(Plan with { Version = "v5.0.19" }, Deployed, Installed(Plan)));

    [Fact]
    public void Of_UnmarkedValues_ValuesDrift() =>
        Assert.Contains(ReleaseDrift.Values, ReleaseDrift.Of(Plan, Deployed, JsonNode.Parse(Plan.Values)!.AsObject()));

    private static JsonObject Installed(MilvusReleasePlan plan) => OwnershipMarker.Apply(plan.Values, plan.Tags);

    private static JsonObject Sorted(JsonObject values) =>
        new(values.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(p.Key, p.Value is JsonObject child ? Sorted(child) : p.Value?.DeepClone())));
}
