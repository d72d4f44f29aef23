using Provisioner.Worker.Helm;

namespace Provisioner.Worker.Tests.Helm;

/// <summary>Each message as Helm 4.1.4 / 3.18.0 printed it (captured from the real binaries unless marked).</summary>
public sealed class HelmErrorsTests
{
    [Theory]
    [InlineData("Error: release: not found")]
    [InlineData("Error: uninstall: Release not loaded: nope: release: not found")]
    public void Classify_MissingRelease_NotFound(string error) => Assert.Equal(HelmErrorKind.NotFound, HelmErrors.Classify(error));

    [Theory]
    [InlineData("Error: kubernetes cluster unreachable: Get \"http://127.0.0.1:1/version\": dial tcp 127.0.0.1:1: connect: connection refused")]
    [InlineData("Error: Kubernetes cluster unreachable: Get \"http://127.0.0.1:1/version\": dial tcp 127.0.0.1:1: connect: connection refused")]
    [InlineData("Error: looks like \"http://127.0.0.1:1/\" is not a valid chart repository or cannot be reached: Get \"http://127.0.0.1:1/index.yaml\": dial tcp 127.0.0.1:1: connect: connection refused")]
    [InlineData("Error: failed to perform \"FetchReference\" on source: Get \"https://127.0.0.1:1/v2/charts/milvus/manifests/1.0.0\": dial tcp 127.0.0.1:1: connect: connection refused")]
    [InlineData("Error: UPGRADE FAILED: another operation (install/upgrade/rollback) is in progress")]
    // Shapes documented by helm and Kubernetes, not captured here (no cluster on these machines):
    [InlineData("Error: UPGRADE FAILED: timed out waiting for the condition")]
    [InlineData("Error: UPGRADE FAILED: the server is currently unable to handle the request (get deployments.apps milvus-proxy)")]
    [InlineData("Error: Get \"https://ABC.gr7.us-east-2.eks.amazonaws.com/version\": net/http: TLS handshake timeout")]
    [InlineData("Error: UPGRADE FAILED: etcdserver: request timed out")]
    public void Classify_NetworkTimeoutOrBusy_Retryable(string error) => Assert.Equal(HelmErrorKind.Retryable, HelmErrors.Classify(error));

    [Theory]
    [InlineData("Error: execution error at (milvus-stub/templates/deployment.yaml:19:29): serviceAccount.name is required when serviceAccount.create is false\n\nUse --debug flag to render out invalid YAML")]
    [InlineData("Error: milvus-stub/templates/deployment.yaml:22:28\n  executing \"milvus-stub/templates/deployment.yaml\" at <.Values.image.repository>:\n    can't evaluate field repository in type interface {}")]
    [InlineData("Error: template: milvus-stub/templates/deployment.yaml:22:28: executing \"milvus-stub/templates/deployment.yaml\" at <.Values.image.repository>: can't evaluate field repository in type interface {}")]
    [InlineData("Error: unknown flag: --rollback-on-failure")]
    [InlineData("Error: invalid argument \"watcher\" for \"--wait\" flag: strconv.ParseBool: parsing \"watcher\": invalid syntax")]
    [InlineData("Error: path \"/nonexistent/chart\" not found")]
    // Shapes documented by helm and Kubernetes, not captured here:
    [InlineData("Error: INSTALLATION FAILED: values don't meet the specifications of the schema(s) in the following chart(s):\nmilvus:\n- cluster.enabled: Invalid type")]
    [InlineData("Error: UPGRADE FAILED: cannot patch \"milvus-proxy\" with kind Deployment: Deployment.apps \"milvus-proxy\" is invalid: spec.selector: field is immutable")]
    [InlineData("Error: INSTALLATION FAILED: rendered manifests contain a resource that already exists. Unable to continue with install: ServiceAccount \"milvus\" in namespace \"milvus\" exists and cannot be imported into the current release: invalid ownership metadata")]
    [InlineData("Error: INSTALLATION FAILED: configmaps is forbidden: User \"system:serviceaccount:ops:provisioner\" cannot create resource \"configmaps\"")]
    [InlineData("Error: chart \"milvus\" version \"9.9.9\" not found in https://zilliztech.github.io/milvus-helm/ repository")]
    [InlineData("Error: INSTALLATION FAILED: template: milvus/templates/config.tpl:12: timeout must be positive")]
    [InlineData("")]
    [InlineData("something helm has never printed before")]
    // helm undid its own attempt after waiting out --timeout: a retry would wait the whole timeout for the same end.
    [InlineData("Error: INSTALLATION FAILED: release milvus failed, and has been uninstalled due to rollback-on-failure being set: context deadline exceeded")]
    [InlineData("Error: UPGRADE FAILED: release milvus failed, and has been rolled back due to atomic being set: context deadline exceeded")]
    public void Classify_RenderingValidationOrUnknown_Terminal(string error) => Assert.Equal(HelmErrorKind.Terminal, HelmErrors.Classify(error));
}
