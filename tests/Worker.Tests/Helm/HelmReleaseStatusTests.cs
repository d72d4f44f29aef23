using Provisioner.Worker.Helm;
using Provisioner.Worker.Tests.Infrastructure;

namespace Provisioner.Worker.Tests.Helm;

public sealed class HelmReleaseStatusTests
{
    [Theory]
    [InlineData(HelmSamples.Helm4StatusDeployed)]
    [InlineData(HelmSamples.Helm3StatusDeployed)]
    public void Parse_DeployedRelease_NameRevisionStatusAndUserValues(string json)
    {
        var status = HelmReleaseStatus.Parse(json);

        Assert.Equal(("r", "milvus", 1, "deployed", "Install complete", false),
            (status.Name, status.Namespace, status.Revision, status.Status, status.Description, status.IsStuck));
        Assert.Equal("milvus-tenant-a-67966ad1", status.Values["externalS3"]!["bucketName"]!.GetValue<string>());
        Assert.Equal("3f2b8c1e-6a4d-4f7e-9b1a-2c5d8e7f0a11", status.Values["milvusProvisioner"]!["requestId"]!.GetValue<string>());
    }

    [Fact]
    public void Parse_Helm4AndHelm3OfTheSameRelease_SameValues() =>
        JsonAssert.Equivalent(HelmReleaseStatus.Parse(HelmSamples.Helm3StatusDeployed).Values.ToJsonString(),
            HelmReleaseStatus.Parse(HelmSamples.Helm4StatusDeployed).Values.ToJsonString());

    [Theory]
    [InlineData(HelmSamples.Helm4StatusPendingUpgrade, "pending-upgrade", 3)]
    [InlineData(HelmSamples.Helm3StatusPendingUpgrade, "pending-upgrade", 3)]
    [InlineData(HelmSamples.Helm4StatusPendingInstall, "pending-install", 1)]
    public void Parse_PendingRelease_Stuck(string json, string expectedStatus, int revision)
    {
        var status = HelmReleaseStatus.Parse(json);

        Assert.Equal((expectedStatus, revision, true), (status.Status, status.Revision, status.IsStuck));
    }

    [Fact]
    public void Parse_FailedReleaseWithoutValues_EmptyValuesAndNotStuck()
    {
        var status = HelmReleaseStatus.Parse(HelmSamples.Helm4StatusFailedWithoutValues);

        Assert.Equal(("failed", false, 0), (status.Status, status.IsStuck, status.Values.Count));
    }

    [Theory]
    [InlineData("")]
    [InlineData("Error: release: not found")]
    [InlineData("[]")]
    [InlineData("""{"name":"r","namespace":"milvus","version":1}""")]
    [InlineData("""{"name":"r","namespace":"milvus","info":{"status":"deployed"}}""")]
    public void Parse_NotAStatusDocument_FormatException(string json) =>
        Assert.Throws<FormatException>(() => HelmReleaseStatus.Parse(json));
}
