using System.Text.RegularExpressions;
using k8s;
using k8s.Models;
using Provisioner.Contracts;
using Provisioner.Worker.Helm;
using Provisioner.Worker.Planning;
using Provisioner.Worker.Stages.AccessKey;
using Provisioner.Worker.Stages.MilvusRelease;
using Provisioner.Worker.Tests.Infrastructure;
using YamlDotNet.Serialization;

namespace Provisioner.Worker.Tests.Stages.MilvusRelease;

/// <summary>
/// Access-key mode's values rendered by the real helm into tests/charts/milvus-stub, which, like the Milvus chart, puts a
/// component's <c>extraEnv</c> verbatim into its container's env and <c>externalS3.accessKey</c>/<c>secretKey</c> in clear
/// into its ConfigMap: Milvus gets the key only as env read from the planned Secret, and no rendered object holds a key.
/// </summary>
public sealed partial class AccessKeyHelmValuesRenderTests : IDisposable
{
    private const string Namespace = "milvus";
    // Key-shaped only when assembled, so no credential-looking literal sits in the source for scanners to flag.
    private static readonly string ExampleKeyId = "AKIA" + "PLANTEDCONTROL00";
    private static readonly string ExampleSecretKey = "planted/" + new string('x', 32);
    private readonly DirectoryInfo directory = Directory.CreateTempSubdirectory("access-key-render-tests-");

    public void Dispose() => directory.Delete(recursive: true);

    [HelmFact(4)]
    public Task Template_AccessKeyClusterHelm4_ProxyEnvReadsTheKeyFromThePlannedSecret() =>
        AssertKeyFromSecretAsync(4, AccessKeyRequest("cluster"), "milvus-tenant-a-s3-credentials", "proxy");

    [HelmFact(4)]
    public Task Template_AccessKeyStandaloneHelm4_StandaloneEnvReadsTheKeyFromThePlannedSecret() =>
        AssertKeyFromSecretAsync(4, AccessKeyRequest("standalone"), "milvus-tenant-a-s3-credentials", "standalone");

    [HelmFact(3)]
    public Task Template_AccessKeyClusterHelm3_ProxyEnvReadsTheKeyFromThePlannedSecret() =>
        AssertKeyFromSecretAsync(3, AccessKeyRequest("cluster"), "milvus-tenant-a-s3-credentials", "proxy");

    [HelmFact(4)]
    public Task Template_AccessKeyNamedSecretHelm4_EnvReadsTheNamedSecret() =>
        AssertKeyFromSecretAsync(4, AccessKeyRequest("cluster", secretName: "tenant-a-creds"), "tenant-a-creds", "proxy");

    [HelmFact(4)]
    public async Task Template_AccessKeyHelm4_NoRenderedDocumentHoldsKeyMaterial()
    {
        var rendered = await RenderAsync(4, AccessKeyRequest("cluster"));

        Assert.Empty(KeyMaterial(rendered));
    }

    [HelmFact(4)]
    public async Task Template_AccessKeyWithKeyInValuesHelm4_KeyMaterialFound()
    {
        // The control for the test above: a key set in the values (what the chart alone would need) is caught.
        var rendered = await RenderAsync(4, AccessKeyRequest("cluster"),
            "--set", $"externalS3.accessKey={ExampleKeyId}", "--set", $"externalS3.secretKey={ExampleSecretKey}");

        Assert.Equal([$"key id {ExampleKeyId}", "minio.accessKeyID", "minio.secretAccessKey"], KeyMaterial(rendered));
    }

    [HelmFact(4)]
    public async Task Lint_AccessKeyHelm4_Passes()
    {
        var plan = TestRequests.Plan(AccessKeyRequest("cluster")).Helm!;
        await using var values = await WriteValuesAsync(plan);

        var output = await HelmProcess.SucceedAsync(HelmBinaries.Require(4), "lint", HelmProcess.StubChart, "--strict",
            "--namespace", Namespace, "--values", values.Path);

        Assert.Contains("0 chart(s) failed", output);
    }

    [HelmFact(4)]
    public async Task Template_IrsaHelm4_NoEnvUseIamAndOurServiceAccount()
    {
        var rendered = await RenderAsync(4, TestRequests.Valid());

        Assert.Equal("milvus-tenant-a-milvus-proxy", rendered.Deployment.Metadata.Name);
        var pod = rendered.Deployment.Spec.Template.Spec;
        Assert.Equal("milvus-s3-access-sa", pod.ServiceAccountName);
        Assert.Null(Assert.Single(pod.Containers).Env);
        Assert.Equal("true", rendered.Minio["useIAM"]);
        Assert.Empty(KeyMaterial(rendered));
    }

    private async Task AssertKeyFromSecretAsync(int major, EnvironmentRequest request, string secret, string component)
    {
        Assert.Equal(secret, ResourceNames.Secret(request));

        var rendered = await RenderAsync(major, request);

        // Standalone keeps its local data on a claim, as the real chart does.
        Assert.Equal(component == "standalone" ? ["ConfigMap", "Deployment", "PersistentVolumeClaim"] : ["ConfigMap", "Deployment"],
            rendered.Manifest.Kinds.Order());
        Assert.Equal($"milvus-tenant-a-milvus-{component}", rendered.Deployment.Metadata.Name);
        var pod = rendered.Deployment.Spec.Template.Spec;
        Assert.Equal("default", pod.ServiceAccountName);
        var container = Assert.Single(pod.Containers);
        Assert.Equal("milvus", container.Name);
        Assert.Equal(
            [
                (AccessKeyHelmValues.MilvusAccessKeyEnv, secret, AccessKeyPlan.AccessKeyIdKey),
                (AccessKeyHelmValues.MilvusSecretKeyEnv, secret, AccessKeyPlan.SecretAccessKeyKey),
                (AccessKeyPlan.AccessKeyIdKey, secret, AccessKeyPlan.AccessKeyIdKey),
                (AccessKeyPlan.SecretAccessKeyKey, secret, AccessKeyPlan.SecretAccessKeyKey),
            ],
            container.Env.Select(e => (e.Name, e.ValueFrom.SecretKeyRef.Name, e.ValueFrom.SecretKeyRef.Key)));
        Assert.All(container.Env, e => Assert.Null(e.Value));
        Assert.Equal("false", rendered.Minio["useIAM"]);
        Assert.Null(rendered.Minio["accessKeyID"]);
        Assert.Null(rendered.Minio["secretAccessKey"]);
    }

    private static EnvironmentRequest AccessKeyRequest(string mode, string? secretName = null)
    {
        var valid = TestRequests.Valid();
        return valid with
        {
            Access = valid.Access with { Mode = Planner.AccessKeyMode, SecretName = secretName },
            Milvus = valid.Milvus! with { Mode = mode },
        };
    }

    /// <summary>What in a rendering would be a key: an AWS key id anywhere, or a key in the ConfigMap's minio section.</summary>
    private static List<string> KeyMaterial(Rendered rendered)
    {
        var found = AwsKeyId().Matches(string.Join("\n", rendered.Manifest.Documents)).Select(m => $"key id {m.Value}").Distinct().ToList();
        found.AddRange(new[] { "accessKeyID", "secretAccessKey" }.Where(k => !string.IsNullOrEmpty(rendered.Minio.GetValueOrDefault(k)))
            .Select(k => $"minio.{k}"));
        found.AddRange((rendered.Deployment.Spec.Template.Spec.Containers.SelectMany(c => c.Env ?? []))
            .Where(e => e.Value is not null).Select(e => $"env {e.Name}"));
        return found;
    }

    private async Task<Rendered> RenderAsync(int major, EnvironmentRequest request, params string[] extra)
    {
        var plan = TestRequests.Plan(request).Helm!;
        await using var values = await WriteValuesAsync(plan);
        return new Rendered(await HelmProcess.SucceedAsync(HelmBinaries.Require(major),
            ["template", plan.Release, HelmProcess.StubChart, "--namespace", Namespace, "--values", values.Path, .. extra]));
    }

    /// <summary>The values as the release resource hands them to helm: the plan's, with the ownership marker.</summary>
    private Task<PrivateValuesFile> WriteValuesAsync(MilvusReleasePlan plan) =>
        PrivateValuesFile.WriteAsync(directory.FullName, OwnershipMarker.Apply(plan.Values, plan.Tags).ToJsonString(), CancellationToken.None);

    [GeneratedRegex("(?<![A-Z0-9])(AKIA|ASIA)[A-Z0-9]{16}(?![A-Z0-9])")]
    private static partial Regex AwsKeyId();

    /// <summary>The stub's rendering parsed: its one Deployment, and the <c>minio</c> section of the ConfigMap's Milvus config.</summary>
    private sealed class Rendered
    {
        public Rendered(string output)
        {
            Manifest = new RenderedManifest(output);
            Deployment = KubernetesYaml.Deserialize<V1Deployment>(Manifest.Single("Deployment"));
            var config = KubernetesYaml.Deserialize<V1ConfigMap>(Manifest.Single("ConfigMap")).Data["default.yaml"];
            Minio = new DeserializerBuilder().Build().Deserialize<Dictionary<string, Dictionary<string, string?>>>(config)["minio"];
        }

        public RenderedManifest Manifest { get; }
        public V1Deployment Deployment { get; }
        public Dictionary<string, string?> Minio { get; }
    }
}
