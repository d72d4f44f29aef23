using Provisioner.Worker.Validation;

namespace Provisioner.Worker.Tests.Validation;

public sealed class TextRulesTests
{
    [Theory]
    [InlineData("OPS-1", true)]
    [InlineData("Ünïcode ticket – fine", true)]
    [InlineData("a\nb", false)]
    [InlineData("a\rb", false)]
    [InlineData("a\tb", false)]
    [InlineData("a\u0085b", false)] // next line
    [InlineData("a\u2028b", false)] // line separator
    [InlineData("a\u2029b", false)] // paragraph separator
    [InlineData("a\u202Eb", false)] // right-to-left override
    [InlineData("a\u2066b", false)] // left-to-right isolate
    [InlineData("a\u001Bb", false)] // escape (terminal colours)
    public void Check_Characters_OnlyPrintableTextPasses(string value, bool passes)
    {
        Assert.Equal(passes, !TextRules.Check(value, 100).Any());
    }

    [Fact]
    public void Check_OverTheLimit_SaysTheLimitAndTheLength()
    {
        Assert.Equal("must be at most 3 characters long (is 4)", Assert.Single(TextRules.Check("abcd", 3)));
    }

    [Theory]
    [InlineData("tenant-a", 64, "tenant-a")]
    [InlineData("x\n[INF] forged", 64, "x\\u000a[INF] forged")]
    [InlineData("a\u202Eb", 64, "a\\u202eb")]
    [InlineData("abcdefghij", 5, "abcde…")]
    public void Printable_RequestText_EscapedAndCut(string value, int maxLength, string expected)
    {
        Assert.Equal(expected, TextRules.Printable(value, maxLength));
    }
}
