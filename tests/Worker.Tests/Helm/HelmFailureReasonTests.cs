using Provisioner.Worker.Helm;

namespace Provisioner.Worker.Tests.Helm;

/// <summary>Stderr as Helm 4.1.4 / 3.18.0 printed it (captured from the real binaries with tests/charts/secret-printer).</summary>
public sealed class HelmFailureReasonTests
{
    private const string Withheld = HelmFailureReason.Withheld;

    [Theory]
    [InlineData("Error: execution error at (secret-printer/templates/secret.yaml:4:4): database password: PLANTED\n\nUse --debug flag to render out invalid YAML",
        "Error: execution error at (secret-printer/templates/secret.yaml:4:4)")]
    [InlineData("Error: INSTALLATION FAILED: execution error at (secret-printer/templates/secret.yaml:6:4): database password PLANTED is required",
        "Error: INSTALLATION FAILED: execution error at (secret-printer/templates/secret.yaml:6:4)")]
    [InlineData("Error: template: secret-printer/templates/secret.yaml:8:4: executing \"secret-printer/templates/secret.yaml\" at <include $content .>: error calling include: template: no template \"PLANTED\" associated with template \"gotpl\"",
        "Error: template: secret-printer/templates/secret.yaml:8:4")]
    [InlineData("Error: UPGRADE FAILED: template: secret-printer/templates/secret.yaml:10:4: executing \"secret-printer/templates/secret.yaml\" at <tpl (printf \"{{ %s\" $content) .>: error calling tpl: cannot parse template \"{{ PLANTED\": template: gotpl:1: bad character U+002D '-'",
        "Error: UPGRADE FAILED: template: secret-printer/templates/secret.yaml:10:4")]
    [InlineData("Error: parse error at (milvus/templates/x.yaml:3): function \"PLANTED\" not defined", "Error: parse error at (milvus/templates/x.yaml:3)")]
    [InlineData("Error: INSTALLATION FAILED: template: milvus/templates/config.tpl:12: PLANTED", "Error: INSTALLATION FAILED: template: milvus/templates/config.tpl:12")]
    public void From_TemplateError_LocationWithMessageWithheld(string stderr, string location) =>
        Assert.Equal($"{location}: {Withheld}", HelmFailureReason.From(stderr));

    [Theory]
    [InlineData("Error: execution error at (odd (name).yaml:1:2): PLANTED", "Error: template error")]
    [InlineData("Error: INSTALLATION FAILED: template: PLANTED", "Error: INSTALLATION FAILED: template error")]
    public void From_TemplateErrorWithoutAWellFormedLocation_AllOfItWithheld(string stderr, string head) =>
        Assert.Equal($"{head}: {Withheld}", HelmFailureReason.From(stderr));

    [Fact]
    public void From_Helm4MultiLineTemplateError_FirstLineOnly() =>
        Assert.Equal("Error: INSTALLATION FAILED: secret-printer/templates/secret.yaml:8:4", HelmFailureReason.From(
            "Error: INSTALLATION FAILED: secret-printer/templates/secret.yaml:8:4\n  executing \"secret-printer/templates/secret.yaml\" at <include $content .>:\n    error calling include:\ntemplate: no template \"PLANTED\" associated with template \"gotpl\""));

    [Theory]
    [InlineData("Error: kubernetes cluster unreachable: Get \"http://127.0.0.1:1/version\": dial tcp 127.0.0.1:1: connect: connection refused")]
    [InlineData("Error: UPGRADE FAILED: another operation (install/upgrade/rollback) is in progress")]
    [InlineData("Error: release: not found")]
    public void From_OtherError_HelmsErrorLine(string stderr) => Assert.Equal(stderr, HelmFailureReason.From(stderr));

    [Fact]
    public void From_LogLinesBeforeTheError_OnlyTheFirstErrorLine() =>
        Assert.Equal("Error: release name check failed: release name \"--debug\": invalid release name", HelmFailureReason.From(
            "level=ERROR msg=\"release name check failed\" error=\"PLANTED\"\nWARNING: PLANTED\nError: release name check failed: release name \"--debug\": invalid release name\nError: PLANTED"));

    [Fact]
    public void From_ControlCharactersAndEscapes_Removed() =>
        Assert.Equal("Error: UPGRADE FAILED: red text then more", HelmFailureReason.From("Error: UPGRADE FAILED: \u001b[31mred\u001b[0m text\r\u0007 then\u202e\tmore\r\n"));

    [Fact]
    public void From_LongLine_Capped()
    {
        var reason = HelmFailureReason.From("Error: " + new string('x', 5000));

        Assert.Equal(HelmFailureReason.MaxLength, reason.Length);
        Assert.EndsWith("…", reason);
    }

    [Theory]
    [InlineData("", "helm printed no error")]
    [InlineData("  \n", "helm printed no error")]
    [InlineData("coalesce.go:286: warning: PLANTED\nsome rendered PLANTED", "helm printed no error line; " + Withheld)]
    public void From_NoErrorLine_NothingOfTheOutput(string stderr, string expected) => Assert.Equal(expected, HelmFailureReason.From(stderr));
}
