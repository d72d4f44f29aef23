using System.Text.Json.Nodes;
using Provisioner.Worker.Planning;
using Provisioner.Worker.Stages.MilvusRelease;
using Provisioner.Worker.Tests.Infrastructure;

namespace Provisioner.Worker.Tests.Stages.MilvusRelease;

public sealed class OwnershipMarkerTests
{
    private static readonly Dictionary<string, string> Tags = OwnershipTags.For("tenant-a", TestRequests.RequestId);

    [Fact]
    public void Apply_Values_MarkerAddedBesideThem() =>
        JsonAssert.Equivalent("""
            { "minio": { "enabled": false },
              "milvusProvisioner": { "managedBy": "milvus-provisioner", "environment": "tenant-a",
                                     "runId": "3f2b8c1e-6a4d-4f7e-9b1a-2c5d8e7f0a11" } }
            """, OwnershipMarker.Apply("""{"minio":{"enabled":false}}""", Tags).ToJsonString());

    [Fact]
    public void Apply_OverrideForgingTheMarker_OursWins() =>
        Assert.Equal("tenant-a", OwnershipMarker.Apply("""{"milvusProvisioner":{"environment":"other","extra":1}}""", Tags)
            ["milvusProvisioner"]!["environment"]!.GetValue<string>());

    [Fact]
    public void Read_AppliedMarker_SameTagsBack() =>
        Assert.Equal(Tags, OwnershipMarker.Read(OwnershipMarker.Apply("{}", Tags)));

    [Fact]
    public void Read_AppliedMarker_OwnedByItsEnvironmentAndCreatedByItsRequest()
    {
        var tags = OwnershipMarker.Read(OwnershipMarker.Apply("{}", Tags));

        Assert.True(OwnershipTags.IsOwnedBy(tags, "tenant-a"));
        Assert.False(OwnershipTags.IsOwnedBy(tags, "tenant-b"));
        Assert.True(OwnershipTags.WasCreatedBy(tags, TestRequests.RequestId));
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"milvusProvisioner":"yes"}""")]
    [InlineData("""{"milvusProvisioner":{"environment":42}}""")]
    public void Read_NoUsableMarker_NoTagsSoNotOurs(string values) =>
        Assert.False(OwnershipTags.IsOwnedBy(OwnershipMarker.Read(JsonNode.Parse(values)!.AsObject()), "tenant-a"));

    [Fact]
    public void WithoutRunId_Marked_OnlyRunIdGoneAndOriginalUntouched()
    {
        var values = OwnershipMarker.Apply("""{"a":1}""", Tags);

        var stripped = OwnershipMarker.WithoutRunId(values);

        JsonAssert.Equivalent("""{"a":1,"milvusProvisioner":{"managedBy":"milvus-provisioner","environment":"tenant-a"}}""", stripped.ToJsonString());
        Assert.NotNull(values["milvusProvisioner"]!["runId"]);
    }

    [Fact]
    public void Apply_NotAnObject_Throws() => Assert.Throws<ArgumentException>(() => OwnershipMarker.Apply("[1]", Tags));
}
