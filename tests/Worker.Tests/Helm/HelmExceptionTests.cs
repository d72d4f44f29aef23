using Provisioner.Worker.Helm;

namespace Provisioner.Worker.Tests.Helm;

public sealed class HelmExceptionTests
{
    [Fact]
    public void New_FromStderr_ClassifiedAndCarriesItsErrorLine()
    {
        var ex = new HelmException("status", 1, "Error: release: not found");

        Assert.Equal((HelmErrorKind.NotFound, "helm status failed (exit 1): Error: release: not found"), (ex.Kind, ex.Message));
        Assert.False(HelmException.IsRetryable(ex));
    }

    [Fact]
    public void New_TemplateErrorWithASecret_MessageWithoutItStderrWithIt()
    {
        const string stderr = "Error: UPGRADE FAILED: execution error at (milvus/templates/x.yaml:1:2): password PLANTED\n\nUse --debug flag";

        var ex = new HelmException("upgrade --install", 1, stderr);

        Assert.Equal($"helm upgrade --install failed (exit 1): Error: UPGRADE FAILED: execution error at (milvus/templates/x.yaml:1:2): "
            + HelmFailureReason.Withheld, ex.Message);
        Assert.Equal(ex.Message, $"helm upgrade --install failed (exit 1): {ex.Reason}");
        Assert.DoesNotContain("PLANTED", ex.ToString());
        Assert.Equal(stderr, ex.Stderr);
    }

    [Fact]
    public void Kind_RetryableFragmentBeyondTheErrorLine_ClassifiedFromTheWholeStderr()
    {
        var ex = new HelmException("upgrade --install", 1, "Error: UPGRADE FAILED: 1 error occurred:\n\t* connection reset by peer");

        Assert.Equal(HelmErrorKind.Retryable, ex.Kind);
        Assert.DoesNotContain("connection reset", ex.Message);
    }

    [Fact]
    public void Own_WorkersOwnWords_ShownAsTheyAre() =>
        Assert.Equal("helm version failed (exit -1): cannot start 'helm': No such file or directory",
            HelmException.Own("version", -1, "cannot start 'helm': No such file or directory").Message);
}
