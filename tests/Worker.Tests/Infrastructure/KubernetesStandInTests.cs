using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Provisioner.Worker.Tests.Infrastructure;

/// <summary>The stand-in answers KubernetesClient as kube-apiserver would; these pin the semantics the other tests rely on.</summary>
public sealed class KubernetesStandInTests : IAsyncLifetime
{
    private KubernetesStandIn standIn = null!;
    private IKubernetes client = null!;

    public async Task InitializeAsync()
    {
        standIn = await KubernetesStandIn.StartAsync();
        client = standIn.CreateClient();
    }

    public async Task DisposeAsync()
    {
        client.Dispose();
        await standIn.DisposeAsync();
    }

    [Fact]
    public async Task CreateNamespace_New_AddsDefaultServiceAccountAndRecordsRequest()
    {
        var created = await client.CoreV1.CreateNamespaceAsync(Namespace("team-a"));

        Assert.Equal(("team-a", "Active"), (created.Metadata.Name, created.Status.Phase));
        Assert.False(string.IsNullOrEmpty(created.Metadata.Uid));
        var accounts = await client.CoreV1.ListNamespacedServiceAccountAsync("team-a");
        Assert.Equal(["default"], accounts.Items.Select(a => a.Metadata.Name));
        Assert.Contains(standIn.Requests, r => r.ToString() == "POST /api/v1/namespaces");
    }

    [Fact]
    public async Task CreateServiceAccount_NamespaceMissing_Answers404ForTheNamespace()
    {
        var error = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoreV1.CreateNamespacedServiceAccountAsync(Account("sa"), "absent"));

        Assert.Equal(404, (int)error.Response.StatusCode);
        Assert.Contains("namespaces \\\"absent\\\" not found", error.Response.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateNamespace_Twice_Answers409AlreadyExists()
    {
        await client.CoreV1.CreateNamespaceAsync(Namespace("twice"));

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoreV1.CreateNamespaceAsync(Namespace("twice")));

        Assert.Equal((409, "AlreadyExists"), ((int)error.Response.StatusCode, Reason(error)));
    }

    [Theory]
    [InlineData("Not_A_Name", "ok")]
    [InlineData("fine", "a-label-value-that-is-much-longer-than-sixty-three-characters-in-total")]
    [InlineData("fine", "-leading-dash")]
    public async Task CreateServiceAccount_InvalidNameOrLabel_Answers422Invalid(string name, string labelValue)
    {
        await client.CoreV1.CreateNamespaceAsync(Namespace("invalid"));
        var account = Account(name);
        account.Metadata.Labels = new Dictionary<string, string> { ["team"] = labelValue };

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoreV1.CreateNamespacedServiceAccountAsync(account, "invalid"));

        Assert.Equal((422, "Invalid"), ((int)error.Response.StatusCode, Reason(error)));
        Assert.Null(standIn.Find("serviceaccounts", "invalid", name));
    }

    [Fact]
    public async Task ReplaceServiceAccount_StaleResourceVersion_Answers409ConflictAndKeepsTheNewer()
    {
        await client.CoreV1.CreateNamespaceAsync(Namespace("rv"));
        var first = await client.CoreV1.CreateNamespacedServiceAccountAsync(Account("sa"), "rv");
        first.Metadata.Annotations = new Dictionary<string, string> { ["a"] = "1" };
        var second = await client.CoreV1.ReplaceNamespacedServiceAccountAsync(first, "sa", "rv");
        first.Metadata.Annotations["a"] = "2";

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoreV1.ReplaceNamespacedServiceAccountAsync(first, "sa", "rv"));

        Assert.Equal((409, "Conflict"), ((int)error.Response.StatusCode, Reason(error)));
        Assert.True(long.Parse(second.Metadata.ResourceVersion) > long.Parse(first.Metadata.ResourceVersion));
        Assert.Equal("1", (await client.CoreV1.ReadNamespacedServiceAccountAsync("sa", "rv")).Metadata.Annotations["a"]);
    }

    [Theory]
    [InlineData(V1Patch.PatchType.MergePatch)]
    [InlineData(V1Patch.PatchType.StrategicMergePatch)]
    public async Task PatchServiceAccount_MergeKinds_MergeLabelsAndAnnotationsAndBumpResourceVersion(V1Patch.PatchType type)
    {
        await client.CoreV1.CreateNamespaceAsync(Namespace("patch"));
        var account = Account("sa");
        account.Metadata.Labels = new Dictionary<string, string> { ["keep"] = "yes", ["drop"] = "x" };
        var created = await client.CoreV1.CreateNamespacedServiceAccountAsync(account, "patch");
        var patch = new JsonObject { ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["drop"] = null, ["new"] = "1" }, ["annotations"] = new JsonObject { ["n"] = "v" } } };

        var patched = await client.CoreV1.PatchNamespacedServiceAccountAsync(new V1Patch(patch.ToJsonString(), type), "sa", "patch");

        Assert.Equal([("keep", "yes"), ("new", "1")], patched.Metadata.Labels.OrderBy(l => l.Key).Select(l => (l.Key, l.Value)));
        Assert.Equal("v", patched.Metadata.Annotations["n"]);
        Assert.NotEqual(created.Metadata.ResourceVersion, patched.Metadata.ResourceVersion);
        Assert.Equal(created.Metadata.Uid, patched.Metadata.Uid);
    }

    [Fact]
    public async Task PatchServiceAccount_JsonPatch_Answers415()
    {
        await client.CoreV1.CreateNamespaceAsync(Namespace("jsonpatch"));
        await client.CoreV1.CreateNamespacedServiceAccountAsync(Account("sa"), "jsonpatch");

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoreV1.PatchNamespacedServiceAccountAsync(
            new V1Patch("""[{"op":"add","path":"/metadata/labels","value":{}}]""", V1Patch.PatchType.JsonPatch), "sa", "jsonpatch"));

        Assert.Equal(415, (int)error.Response.StatusCode);
    }

    [Fact]
    public async Task DeleteNamespace_WithObjects_RemovesThemAllAndAnswers404Afterwards()
    {
        await client.CoreV1.CreateNamespaceAsync(Namespace("gone"));
        await client.CoreV1.CreateNamespacedServiceAccountAsync(Account("sa"), "gone");

        await client.CoreV1.DeleteNamespaceAsync("gone");

        Assert.Empty((await client.CoreV1.ListNamespacedServiceAccountAsync("gone")).Items);
        var error = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoreV1.ReadNamespaceAsync("gone"));
        Assert.Equal((404, "NotFound"), ((int)error.Response.StatusCode, Reason(error)));
    }

    [Fact]
    public async Task FailNext_TwoInjected_AnswersThemThenServesNormally()
    {
        standIn.FailNext(1, 500);
        standIn.FailNext(1, 429);

        var first = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoreV1.ListNamespaceAsync());
        var second = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoreV1.ListNamespaceAsync());
        var third = await client.CoreV1.ListNamespaceAsync();

        Assert.Equal([(500, "InternalError"), (429, "TooManyRequests")],
            new[] { first, second }.Select(e => ((int)e.Response.StatusCode, Reason(e))));
        Assert.NotNull(third.Items);
    }

    [Fact]
    public async Task ClientError_WithBearerToken_CarriesTheTokenInTheExceptionsRequestHeaders()
    {
        standIn.RequiredToken = "secret-bearer-token";
        using var authenticated = standIn.CreateClient();

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => authenticated.CoreV1.ReadNamespaceAsync("absent"));

        // Why KubernetesCalls never lets this exception out: it would put the credential in a log line.
        Assert.Contains(error.Request.Headers, h => h.Key == "Authorization" && h.Value.Any(v => v.Contains("secret-bearer-token", StringComparison.Ordinal)));
        using var anonymous = standIn.CreateClient("wrong");
        var refused = await Assert.ThrowsAsync<HttpOperationException>(() => anonymous.CoreV1.ListNamespaceAsync());
        Assert.Equal(401, (int)refused.Response.StatusCode);
    }

    private static string? Reason(HttpOperationException error) => JsonNode.Parse(error.Response.Content)?["reason"]?.GetValue<string>();

    private static V1Namespace Namespace(string name) => new() { Metadata = new V1ObjectMeta { Name = name } };

    private static V1ServiceAccount Account(string name) => new() { Metadata = new V1ObjectMeta { Name = name } };
}
