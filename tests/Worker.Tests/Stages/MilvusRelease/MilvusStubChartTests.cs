using System.Text.Json;
using System.Text.Json.Nodes;
using Provisioner.Worker.Helm;
using Provisioner.Worker.Planning;
using Provisioner.Worker.Stages.MilvusRelease;
using Provisioner.Worker.Tests.Infrastructure;

namespace Provisioner.Worker.Tests.Stages.MilvusRelease;

/// <summary>
/// The values the planner generates, rendered by the real helm into tests/charts/milvus-stub (which reads the same keys
/// as the Milvus chart): the workload runs as our IRSA ServiceAccount against our bucket, and the chart makes neither a
/// ServiceAccount nor MinIO of its own.
/// </summary>
public sealed class MilvusStubChartTests : IAsyncLifetime
{
    private const string Namespace = "milvus";
    private readonly DirectoryInfo directory = Directory.CreateTempSubdirectory("stub-chart-tests-");
    private readonly MilvusReleasePlan plan = TestRequests.Plan(TestRequests.Valid()).Helm!;
    private PrivateValuesFile? values;

    private string ValuesFile => values!.Path;

    public async Task InitializeAsync() =>
        values = await PrivateValuesFile.WriteAsync(directory.FullName, OwnershipMarker.Apply(plan.Values, plan.Tags).ToJsonString(), CancellationToken.None);

    public async Task DisposeAsync()
    {
        await values!.DisposeAsync();
        directory.Delete(recursive: true);
    }

    [HelmFact(4)]
    public Task Template_GeneratedValuesHelm4_OurServiceAccountBucketAndRegionNoServiceAccountNoMinio() => AssertGuideSetupAsync(4);

    [HelmFact(3)]
    public Task Template_GeneratedValuesHelm3_OurServiceAccountBucketAndRegionNoServiceAccountNoMinio() => AssertGuideSetupAsync(3);

    [HelmFact(4)]
    public Task Lint_GeneratedValuesHelm4_Passes() => LintAsync(4);

    [HelmFact(3)]
    public Task Lint_GeneratedValuesHelm3_Passes() => LintAsync(3);

    [HelmFact(4)]
    public async Task Template_ChartDefaultsHelm4_OwnServiceAccountAndMinio()
    {
        // The control: without our values the stub does make what the guide's values switch off.
        var manifest = new RenderedManifest(await HelmProcess.SucceedAsync(HelmBinaries.Require(4),
            "template", plan.Release, HelmProcess.StubChart, "--namespace", Namespace));

        Assert.Equal(["ConfigMap", "Deployment", "ServiceAccount", "StatefulSet"], manifest.Kinds.Order());
    }

    [HelmFact(4)]
    public async Task InstallDryRunClient_GeneratedValuesHelm4_ReleaseCarriesValuesWithMarker()
    {
        var output = await HelmProcess.SucceedAsync(HelmBinaries.Require(4), "install", plan.Release, HelmProcess.StubChart,
            "--namespace", Namespace, "--values", ValuesFile, "--dry-run=client", "--output", "json");
        var release = JsonNode.Parse(output)!;

        JsonAssert.Equivalent(await File.ReadAllTextAsync(ValuesFile), release["config"]!.ToJsonString());
        Assert.Equal(("milvus-stub", "0.1.0", "2.6.15-stub"), (release["chart"]!["metadata"]!["name"]!.GetValue<string>(),
            release["chart"]!["metadata"]!["version"]!.GetValue<string>(), release["chart"]!["metadata"]!["appVersion"]!.GetValue<string>()));
        Assert.True(OwnershipTags.IsOwnedBy(OwnershipMarker.Read(release["config"]!.AsObject()), TestRequests.Environment));
        AssertGuideSetup(new RenderedManifest(release["manifest"]!.GetValue<string>()));
    }

    [HelmFact(4)]
    public async Task Template_OverrideDroppingServiceAccountNameHelm4_RenderingErrorClassifiedTerminal()
    {
        var (exitCode, _, error) = await HelmProcess.RunAsync(HelmBinaries.Require(4), "template", plan.Release, HelmProcess.StubChart,
            "--values", ValuesFile, "--set", "serviceAccount.name=");

        Assert.NotEqual(0, exitCode);
        Assert.Equal(HelmErrorKind.Terminal, HelmErrors.Classify(error));
    }

    [HelmFact(4)]
    public Task Template_OverrideOfServiceAccountAndBucketHelm4_OursRendered() => OverrideOfForcedKeysAsync(4);

    [HelmFact(3)]
    public Task Template_OverrideOfServiceAccountAndBucketHelm3_OursRendered() => OverrideOfForcedKeysAsync(3);

    private async Task OverrideOfForcedKeysAsync(int major)
    {
        var valid = TestRequests.Valid();
        var overrides = JsonSerializer.Deserialize<JsonElement>("""{"serviceAccount":{"name":"attacker"},"externalS3":{"bucketName":"other"}}""");
        var hostile = TestRequests.Plan(valid with { Milvus = valid.Milvus! with { Values = overrides } }).Helm!;
        var values = OwnershipMarker.Apply(hostile.Values, hostile.Tags).ToJsonString();
        await using var file = await PrivateValuesFile.WriteAsync(directory.FullName, values, CancellationToken.None);

        var manifest = new RenderedManifest(await HelmProcess.SucceedAsync(HelmBinaries.Require(major),
            "template", hostile.Release, HelmProcess.StubChart, "--namespace", Namespace, "--values", file.Path));

        AssertGuideSetup(manifest);
        Assert.DoesNotContain(manifest.Documents, d => d.Contains("attacker", StringComparison.Ordinal)
            || d.Contains("bucketName: other", StringComparison.Ordinal));
    }

    private async Task AssertGuideSetupAsync(int major) =>
        AssertGuideSetup(new RenderedManifest(await HelmProcess.SucceedAsync(HelmBinaries.Require(major),
            "template", plan.Release, HelmProcess.StubChart, "--namespace", Namespace, "--values", ValuesFile)));

    private static void AssertGuideSetup(RenderedManifest manifest)
    {
        Assert.Equal(["ConfigMap", "Deployment"], manifest.Kinds.Order());
        Assert.Contains("serviceAccountName: milvus-s3-access-sa", RenderedManifest.Lines(manifest.Single("Deployment")));
        var config = RenderedManifest.Lines(manifest.Single("ConfigMap"));
        Assert.Contains($"bucketName: {TestRequests.DerivedBucket}", config);
        Assert.Contains("address: s3.us-east-2.amazonaws.com", config);
        Assert.Contains("useIAM: true", config);
        Assert.Contains("useSSL: true", config);
        Assert.Contains("region: us-east-2", config);
        Assert.Contains("rootPath: tenant-a", config);
        Assert.Contains("type: woodpecker", config);
        Assert.DoesNotContain(manifest.Documents, d => d.Contains("-minio", StringComparison.Ordinal));
    }

    private async Task LintAsync(int major)
    {
        var output = await HelmProcess.SucceedAsync(HelmBinaries.Require(major), "lint", HelmProcess.StubChart, "--strict",
            "--namespace", Namespace, "--values", ValuesFile);

        Assert.Contains("0 chart(s) failed", output);
    }
}
