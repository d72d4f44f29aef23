using System.Text;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Provisioner.Worker.Kubernetes;
using Provisioner.Worker.Tests.Infrastructure;

namespace Provisioner.Worker.Tests.Kubernetes;

public sealed class ServiceAccountTokensTests : IAsyncLifetime
{
    private KubernetesHarness harness = null!;

    public async Task InitializeAsync()
    {
        harness = await KubernetesHarness.StartAsync();
        await harness.Raw.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "milvus" } });
        await harness.Raw.CoreV1.CreateNamespacedServiceAccountAsync(new V1ServiceAccount { Metadata = new V1ObjectMeta { Name = "milvus-sa" } }, "milvus");
        harness.StandIn.ClearRequests();
    }

    public async Task DisposeAsync() => await harness.DisposeAsync();

    [Fact]
    public async Task RequestAsync_AccountExists_ReturnsTokenForItAndTheAudienceWithoutLoggingIt()
    {
        var token = await harness.Tokens.RequestAsync("milvus", "milvus-sa", "sts.amazonaws.com", 900, harness.Ct);

        Assert.Equal(harness.StandIn.Tokens.Issued.Single(), token);
        var claims = Claims(token);
        Assert.Equal(("system:serviceaccount:milvus:milvus-sa", "sts.amazonaws.com"),
            (claims["sub"]!.GetValue<string>(), claims["aud"]![0]!.GetValue<string>()));
        Assert.InRange(claims["exp"]!.GetValue<long>() - claims["iat"]!.GetValue<long>(), 899, 901);
        Assert.Equal(["POST /api/v1/namespaces/milvus/serviceaccounts/milvus-sa/token"], harness.StandIn.Requests.Select(r => r.ToString()));
        Assert.NotEmpty(harness.TokenLog.Lines);
        Assert.DoesNotContain(harness.TokenLog.Lines, line => line.Contains(token, StringComparison.Ordinal));
    }

    [Fact]
    public async Task RequestAsync_AccountMissing_ThrowsNotFound()
    {
        var error = await Assert.ThrowsAsync<KubernetesApiException>(() =>
            harness.Tokens.RequestAsync("milvus", "absent", "sts.amazonaws.com", 900, harness.Ct));

        Assert.Equal((404, KubernetesErrorKind.NotFound), (error.StatusCode, error.Kind));
    }

    [Fact]
    public async Task RequestAsync_ExpiryUnderTenMinutes_ThrowsTerminalInvalid()
    {
        var error = await Assert.ThrowsAsync<KubernetesApiException>(() =>
            harness.Tokens.RequestAsync("milvus", "milvus-sa", "sts.amazonaws.com", 60, harness.Ct));

        Assert.Equal((422, KubernetesErrorKind.Terminal), (error.StatusCode, error.Kind));
        Assert.Contains("10 minutes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RequestAsync_ServerErrorOnce_RetriesAndIssuesOneToken()
    {
        harness.StandIn.FailNext(1, 500);

        await harness.Tokens.RequestAsync("milvus", "milvus-sa", "sts.amazonaws.com", 3600, harness.Ct);

        Assert.Single(harness.StandIn.Tokens.Issued);
    }

    private static JsonNode Claims(string jwt)
    {
        var parts = jwt.Split('.');
        Assert.Equal(3, parts.Length);
        var payload = parts[1].Replace('-', '+').Replace('_', '/');
        payload = payload.PadRight(payload.Length + (4 - payload.Length % 4) % 4, '=');
        return JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(payload)))!;
    }
}
