using Provisioner.Worker.Planning;
using Provisioner.Worker.Tests.Infrastructure;

namespace Provisioner.Worker.Tests.Planning;

public sealed class ResourceNamesTests
{
    [Fact]
    public void Bucket_NoName_DerivedFromEnvironmentRegionAndAccount() =>
        Assert.Equal(TestRequests.DerivedBucket, ResourceNames.Bucket(TestRequests.Valid()));

    [Theory]
    [InlineData("tenant-a", "us-east-2", "123456789012")]
    [InlineData("tenant-a", "us-west-2", "123456789012")]
    [InlineData("b", "cn-north-1", null)]
    [InlineData("eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee", "us-gov-west-1", "210987654321")]
    public void Bucket_NoName_MilvusEnvironmentAndEightHexDigits(string environment, string region, string? account)
    {
        var request = TestRequests.Valid() with { Environment = environment, Aws = new() { Region = region, AccountId = account } };

        Assert.Matches($"^milvus-{environment}-[0-9a-f]{{8}}$", ResourceNames.Bucket(request));
    }

    /// <summary>Expected suffixes: SHA-256 of "environment|region|account", computed outside .NET.</summary>
    [Theory]
    [InlineData("us-east-2", "123456789012", "milvus-tenant-a-67966ad1")]
    [InlineData("us-west-2", "123456789012", "milvus-tenant-a-59182864")]
    [InlineData("us-east-2", null, "milvus-tenant-a-1b2d23fe")]
    public void Bucket_NoName_DiffersByRegionAndAccount(string region, string? account, string expected)
    {
        var request = TestRequests.Valid() with { Aws = new() { Region = region, AccountId = account } };

        Assert.Equal(expected, ResourceNames.Bucket(request));
    }

    [Fact]
    public void Bucket_ExplicitName_Honoured()
    {
        var valid = TestRequests.Valid();

        Assert.Equal("tenant-a-vectors", ResourceNames.Bucket(valid with { Bucket = valid.Bucket with { Name = "tenant-a-vectors" } }));
    }

    [Fact]
    public void PolicyAndRole_NoNames_DerivedFromEnvironment()
    {
        var request = TestRequests.Valid();

        Assert.Equal(("milvus-tenant-a-s3-access", "milvus-tenant-a-s3-access"), (ResourceNames.Policy(request), ResourceNames.Role(request)));
    }

    [Fact]
    public void PolicyAndRole_ExplicitNames_Honoured()
    {
        var valid = TestRequests.Valid();
        var request = valid with { Access = valid.Access with { PolicyName = "TenantAS3", RoleName = "TenantAMilvus" } };

        Assert.Equal(("TenantAS3", "TenantAMilvus"), (ResourceNames.Policy(request), ResourceNames.Role(request)));
    }

    /// <summary>The expected ids were computed outside .NET (SHA-256 name-based, version 5 bits set).</summary>
    [Theory]
    [InlineData("tenant-a", "d94fe7d4-0a87-5f75-90ef-46daa916f7d7")]
    [InlineData("tenant-b", "6be50a92-1f48-5109-a477-c0ddc4657e48")]
    public void CorrelationId_Environment_StableNameBasedGuid(string environment, string expected) =>
        Assert.Equal(Guid.Parse(expected), ResourceNames.CorrelationId(environment));

    [Fact]
    public void CorrelationId_SameEnvironmentTwice_Equal() =>
        Assert.Equal(ResourceNames.CorrelationId("tenant-a"), ResourceNames.CorrelationId("tenant-a"));

    [Theory]
    [InlineData("tenant-a", "tenant-b")]
    [InlineData("tenant-a", "Tenant-a")]
    [InlineData("a", "b")]
    public void CorrelationId_OtherEnvironment_OtherGuid(string one, string other) =>
        Assert.NotEqual(ResourceNames.CorrelationId(one), ResourceNames.CorrelationId(other));

    [Fact]
    public void CorrelationId_AnyEnvironment_Rfc4122Version5Layout() =>
        Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$",
            ResourceNames.CorrelationId("some-environment").ToString());
}
