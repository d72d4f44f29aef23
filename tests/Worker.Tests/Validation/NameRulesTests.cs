using Provisioner.Worker.Validation;

namespace Provisioner.Worker.Tests.Validation;

public sealed class NameRulesTests
{
    [Theory]
    [InlineData("abc")]
    [InlineData("milvus-tenant-a-67966ad1")]
    [InlineData("my.bucket-1")]
    [InlineData("192.168.5")]
    [InlineData("1.2.3.4.5")]
    [InlineData("xn-single-hyphen")]
    [InlineData("bucket-s3alias-not-at-end")]
    public void BucketName_Valid_NoMessages(string name) => Assert.Empty(NameRules.BucketName(name));

    [Fact]
    public void BucketName_SixtyThreeCharacters_NoMessages() => Assert.Empty(NameRules.BucketName(new string('a', 63)));

    [Theory]
    [InlineData("", "must be 3 to 63 characters long (is 0)")]
    [InlineData("-", "must be 3 to 63 characters long (is 1)", "must begin and end with a letter or digit")]
    [InlineData("My_Bucket", "may contain only lowercase letters, digits, hyphens and dots")]
    [InlineData(".bucket.", "must begin and end with a letter or digit")]
    [InlineData("a..b", "must not contain two adjacent dots")]
    [InlineData("192.168.5.4", "must not be formatted as an IP address")]
    [InlineData("xn--bucket-s3alias", "must not start with the reserved prefix 'xn--'", "must not end with the reserved suffix '-s3alias'")]
    [InlineData("sthree-configurator", "must not start with the reserved prefix 'sthree-'")]
    [InlineData("amzn-s3-demo-bucket", "must not start with the reserved prefix 'amzn-s3-demo-'")]
    [InlineData("bucket--ol-s3", "must not end with the reserved suffix '--ol-s3'")]
    [InlineData("bucket.mrap", "must not end with the reserved suffix '.mrap'")]
    [InlineData("bucket--x-s3", "must not end with the reserved suffix '--x-s3'")]
    [InlineData("bucket--table-s3", "must not end with the reserved suffix '--table-s3'")]
    public void BucketName_Invalid_ReturnsEveryBrokenRule(string name, params string[] expected) =>
        Assert.Equal(expected, NameRules.BucketName(name));

    [Theory]
    [InlineData("Milvus+Role=a,b.c@d_e-f", 64)]
    [InlineData("r", 1)]
    public void IamName_Valid_NoMessages(string name, int maxLength) => Assert.Empty(NameRules.IamName(name, maxLength));

    [Theory]
    [InlineData("", 64, "must be 1 to 64 characters long (is 0)")]
    [InlineData("milvus-s3", 8, "must be 1 to 8 characters long (is 9)")]
    [InlineData("milvus role", 64, "may contain only letters, digits and + = , . @ _ -")]
    [InlineData("milvus/role:x", 5, "must be 1 to 5 characters long (is 13)", "may contain only letters, digits and + = , . @ _ -")]
    public void IamName_Invalid_ReturnsEveryBrokenRule(string name, int maxLength, params string[] expected) =>
        Assert.Equal(expected, NameRules.IamName(name, maxLength));

    [Theory]
    [InlineData("/")]
    [InlineData("/milvus/")]
    [InlineData("/milvus/tenants/")]
    public void IamPath_Valid_NoMessages(string path) => Assert.Empty(NameRules.IamPath(path));

    [Theory]
    [InlineData("")]
    [InlineData("no-slash")]
    [InlineData("/a")]
    [InlineData("a/")]
    [InlineData("//")]
    [InlineData("/a b/")]
    public void IamPath_Invalid_ReturnsShapeMessage(string path) =>
        Assert.Equal(["must be '/' or start and end with '/' with printable ASCII between"], NameRules.IamPath(path));

    [Fact]
    public void IamPath_LongerThan512_ReturnsLengthMessage() =>
        Assert.Equal(["must be at most 512 characters long"], NameRules.IamPath($"/{new string('p', 511)}/"));

    [Theory]
    [InlineData("milvus")]
    [InlineData("a")]
    [InlineData("tenant-a-2")]
    public void DnsLabel_Valid_NoMessages(string name) => Assert.Empty(NameRules.DnsLabel(name));

    [Theory]
    [InlineData("", 63, "must be 1 to 63 characters long (is 0)", DnsLabelShape)]
    [InlineData("Milvus", 63, DnsLabelShape)]
    [InlineData("milvus-", 63, DnsLabelShape)]
    [InlineData("a.b", 63, DnsLabelShape)]
    [InlineData("milvus", 5, "must be 1 to 5 characters long (is 6)")]
    public void DnsLabel_Invalid_ReturnsEveryBrokenRule(string name, int maxLength, params string[] expected) =>
        Assert.Equal(expected, NameRules.DnsLabel(name, maxLength));

    [Theory]
    [InlineData("milvus-s3-access-sa")]
    [InlineData("milvus.s3-access")]
    public void DnsSubdomain_Valid_NoMessages(string name) => Assert.Empty(NameRules.DnsSubdomain(name));

    [Theory]
    [InlineData("", "must be 1 to 253 characters long (is 0)", DnsSubdomainShape)]
    [InlineData("a..b", DnsSubdomainShape)]
    [InlineData("Milvus", DnsSubdomainShape)]
    [InlineData("milvus_sa", DnsSubdomainShape)]
    [InlineData(".milvus", DnsSubdomainShape)]
    public void DnsSubdomain_Invalid_ReturnsEveryBrokenRule(string name, params string[] expected) =>
        Assert.Equal(expected, NameRules.DnsSubdomain(name));

    private const string DnsLabelShape = "must be lowercase letters, digits and '-', starting and ending with a letter or digit (RFC 1123)";
    private const string DnsSubdomainShape = "must be lowercase RFC 1123 labels separated by dots";
}
