using Provisioner.Worker.Validation;

namespace Provisioner.Worker.Tests.Validation;

public sealed class TagRulesTests
{
    private const string Allowed = "may contain only letters, digits, spaces and _ . : / = + - @";

    [Fact]
    public void Check_Null_NoProblems() => Assert.Empty(TagRules.Check(null));

    [Fact]
    public void Check_FortySevenTags_NoProblems() => Assert.Empty(TagRules.Check(RequestChanges.ManyTags(47)));

    [Theory]
    [InlineData(48)]
    [InlineData(51)]
    public void Check_MoreThanFortySevenTags_OneProblemWithoutKey(int count) =>
        Assert.Equal([("", $"at most 47 tags (50 less the 3 ownership tags); got {count}")], TagRules.Check(RequestChanges.ManyTags(count)));

    [Theory]
    [InlineData("team", "search")]
    [InlineData("Cost Center_1.a:b/c=d+e-f@g", "Équipe 42")]
    [InlineData("team", "")]
    [InlineData("milvus-provisioner", "no slash so not our prefix")]
    public void Check_AllowedTag_NoProblems(string key, string value) =>
        Assert.Empty(TagRules.Check(new Dictionary<string, string> { [key] = value }));

    [Fact]
    public void Check_KeyOf128AndValueOf256_NoProblems() =>
        Assert.Empty(TagRules.Check(new Dictionary<string, string> { [new string('k', 128)] = new string('v', 256) }));

    [Theory]
    [InlineData("", "search", "key must be 1 to 128 characters long")]
    [InlineData("aws:team", "search", "key must not start with the reserved prefix 'aws:'")]
    [InlineData("Aws:team", "search", "key must not start with the reserved prefix 'aws:'")]
    [InlineData("managed-by", "terraform", "key is reserved for the provisioner's ownership tags")]
    [InlineData("milvus-provisioner/environment", "tenant-b", "key is reserved for the provisioner's ownership tags")]
    [InlineData("milvus-provisioner/run-id", "x", "key is reserved for the provisioner's ownership tags")]
    [InlineData("Managed-By", "someone", "key is reserved for the provisioner's ownership tags")]
    [InlineData("MANAGED-BY", "someone", "key is reserved for the provisioner's ownership tags")]
    [InlineData("Milvus-Provisioner/Environment", "tenant-b", "key is reserved for the provisioner's ownership tags")]
    [InlineData("team#1", "search", "key " + Allowed)]
    [InlineData("team", "search*", "value " + Allowed)]
    [InlineData("aws:team!", "search?", "key must not start with the reserved prefix 'aws:'", "key " + Allowed, "value " + Allowed)]
    public void Check_BadTag_ReturnsEveryProblemUnderItsKey(string key, string value, params string[] expected) =>
        Assert.Equal(expected.Select(m => (key, m)), TagRules.Check(new Dictionary<string, string> { [key] = value }));

    [Fact]
    public void Check_KeyOf129_ReturnsLengthProblem()
    {
        var key = new string('k', 129);

        Assert.Equal([(key, "key must be 1 to 128 characters long")], TagRules.Check(new Dictionary<string, string> { [key] = "v" }));
    }

    [Fact]
    public void Check_ValueOf257_ReturnsLengthProblem() =>
        Assert.Equal([("team", "value must be at most 256 characters long")],
            TagRules.Check(new Dictionary<string, string> { ["team"] = new string('v', 257) }));
}
