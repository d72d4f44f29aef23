using Provisioner.Worker.Planning;

namespace Provisioner.Worker.Tests.Planning;

public sealed class OwnershipTagsTests
{
    private static readonly Guid Creator = Guid.Parse("3f2b8c1e-6a4d-4f7e-9b1a-2c5d8e7f0a11");
    private static readonly Guid Other = Guid.Parse("0c6e5a3d-1111-4222-8333-444455556666");

    [Fact]
    public void For_EnvironmentAndRequest_ThreeOwnershipTags() =>
        Assert.Equal(new Dictionary<string, string>
        {
            ["managed-by"] = "milvus-provisioner",
            ["milvus-provisioner/environment"] = "tenant-a",
            ["milvus-provisioner/run-id"] = "3f2b8c1e-6a4d-4f7e-9b1a-2c5d8e7f0a11",
        }, OwnershipTags.For("tenant-a", Creator));

    [Fact]
    public void For_AnyRequest_CountMatchesTagsWritten() =>
        Assert.Equal(OwnershipTags.Count, OwnershipTags.For("tenant-a", Creator).Count);

    [Theory]
    [InlineData("managed-by=milvus-provisioner;milvus-provisioner/environment=tenant-a", true)]
    [InlineData("managed-by=milvus-provisioner;milvus-provisioner/environment=tenant-a;milvus-provisioner/request-id=x;team=s", true)]
    [InlineData("managed-by=milvus-provisioner;milvus-provisioner/environment=tenant-b", false)]
    [InlineData("managed-by=milvus-provisioner;milvus-provisioner/environment=Tenant-A", false)]
    [InlineData("managed-by=terraform;milvus-provisioner/environment=tenant-a", false)]
    [InlineData("milvus-provisioner/environment=tenant-a", false)]
    [InlineData("managed-by=milvus-provisioner", false)]
    [InlineData("", false)]
    public void IsOwnedBy_Tags_TrueOnlyForOurManagedByAndThisEnvironment(string tags, bool expected) =>
        Assert.Equal(expected, OwnershipTags.IsOwnedBy(Parse(tags), "tenant-a"));

    [Fact]
    public void IsOwnedBy_NoTags_False() => Assert.False(OwnershipTags.IsOwnedBy(null, "tenant-a"));

    [Fact]
    public void WasCreatedBy_SameRequest_True() => Assert.True(OwnershipTags.WasCreatedBy(OwnershipTags.For("tenant-a", Creator), Creator));

    [Fact]
    public void WasCreatedBy_OtherRequest_False() => Assert.False(OwnershipTags.WasCreatedBy(OwnershipTags.For("tenant-a", Other), Creator));

    [Fact]
    public void WasCreatedBy_NoRequestIdTag_False() =>
        Assert.False(OwnershipTags.WasCreatedBy(Parse("managed-by=milvus-provisioner;milvus-provisioner/environment=tenant-a"), Creator));

    [Fact]
    public void WasCreatedBy_NoTags_False() => Assert.False(OwnershipTags.WasCreatedBy(null, Creator));

    [Theory]
    [InlineData("managed-by=milvus-provisioner;milvus-provisioner/environment=tenant-a;milvus-provisioner/request-id=3f2b8c1e-6a4d-4f7e-9b1a-2c5d8e7f0a11;team=search", true)]
    [InlineData("managed-by=milvus-provisioner;milvus-provisioner/environment=tenant-a;milvus-provisioner/request-id=0c6e5a3d-1111-4222-8333-444455556666;team=search", true)]
    [InlineData("managed-by=milvus-provisioner;milvus-provisioner/environment=tenant-a;team=search", true)]
    [InlineData("managed-by=milvus-provisioner;milvus-provisioner/environment=tenant-a;team=search;extra=kept", true)]
    [InlineData("managed-by=milvus-provisioner;milvus-provisioner/environment=tenant-a", false)]
    [InlineData("managed-by=milvus-provisioner;milvus-provisioner/environment=tenant-a;team=other", false)]
    [InlineData("managed-by=milvus-provisioner;milvus-provisioner/environment=tenant-b;team=search", false)]
    [InlineData("milvus-provisioner/environment=tenant-a;team=search", false)]
    public void Converged_ActualTags_IgnoresOnlyTheRequestId(string actual, bool expected)
    {
        var desired = new Dictionary<string, string>(OwnershipTags.For("tenant-a", Creator)) { ["team"] = "search" };

        Assert.Equal(expected, OwnershipTags.Converged(desired, Parse(actual)));
    }

    [Fact]
    public void Converged_NoActualTags_False() => Assert.False(OwnershipTags.Converged(OwnershipTags.For("tenant-a", Creator), null));

    private static Dictionary<string, string> Parse(string tags) =>
        tags.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(t => t.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
}
