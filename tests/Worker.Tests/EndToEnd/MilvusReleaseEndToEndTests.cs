using System.Text.Json;
using System.Text.Json.Nodes;
using Provisioner.Contracts;
using Provisioner.Worker.Tests.Infrastructure;

namespace Provisioner.Worker.Tests.EndToEnd;

/// <summary>
/// <c>apply</c> and <c>destroy</c> of an environment with a Milvus release: the built program runs the real Helm 4
/// against the Kubernetes stand-in (through a kubeconfig, like a real cluster) and moto, with the stub chart standing
/// in for the Milvus chart. What the release got is read back with helm itself and from the rendered ConfigMap.
/// </summary>
public sealed class MilvusReleaseEndToEndTests(WorkerEndToEndFixture fixture) : IClassFixture<WorkerEndToEndFixture>, IAsyncLifetime
{
    private const string Issuer = "https://oidc.eks.us-east-2.amazonaws.com/id/RELEASE0000000000000000000000000";
    private const string Namespace = "milvus";
    private const string ServiceAccount = "milvus-s3-access-sa";
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(150);
    private readonly ScratchDirectory scratch = new();
    private KubernetesStandIn cluster = null!;

    public async Task InitializeAsync() => cluster = await KubernetesStandIn.StartAsync(Issuer);

    public async Task DisposeAsync()
    {
        await cluster.DisposeAsync();
        scratch.Dispose();
    }

    [HelmFact(4)]
    public async Task ApplyThenDestroy_StandaloneRelease_DeployedWithOurValuesThenUninstalledKeepingItsClaim()
    {
        var request = Request("e2e-release", "e2e-milvus", "standalone");

        var applied = await RunAsync(Variables(), "apply", request, "--output", "json");

        Assert.True(applied.ExitCode == 0, applied.ToString());
        var status = Status(applied);
        var bucket = status.Stages.Single(s => s.Stage == StageNames.Bucket).Outputs["name"];
        Assert.Equal(StageStatus.Completed, status.Stages.Single(s => s.Stage == StageNames.MilvusRelease).Status);
        var values = JsonNode.Parse(await HelmProcess.SucceedAsync(HelmBinaries.Require(4), "get", "values", "e2e-milvus",
            "--namespace", Namespace, "--kubeconfig", Kubeconfig(), "--output", "json"))!;
        Assert.Equal((ServiceAccount, false), (values["serviceAccount"]!["name"]!.GetValue<string>(), values["serviceAccount"]!["create"]!.GetValue<bool>()));
        Assert.Equal((bucket, true, "us-east-2"), (values["externalS3"]!["bucketName"]!.GetValue<string>(),
            values["externalS3"]!["useIAM"]!.GetValue<bool>(), values["externalS3"]!["region"]!.GetValue<string>()));
        var config = cluster.Find("configmaps", Namespace, "e2e-milvus-milvus")!["data"]!["default.yaml"]!.GetValue<string>();
        Assert.Contains($"bucketName: {bucket}", config);
        Assert.Contains("useIAM: true", config);
        Assert.Equal(ServiceAccount, cluster.Find("deployments", Namespace, "e2e-milvus-milvus-standalone")!["spec"]!["template"]!["spec"]!["serviceAccountName"]!.GetValue<string>());
        Assert.NotEmpty(ReleaseSecrets("e2e-milvus"));
        Assert.Equal("Bound", cluster.Find("persistentvolumeclaims", Namespace, "e2e-milvus-milvus")!["status"]!["phase"]!.GetValue<string>());

        var destroyed = await RunAsync(Variables(), "destroy", "e2e-release", "--output", "json");

        Assert.True(destroyed.ExitCode == 0, destroyed.ToString());
        var gone = Status(destroyed);
        Assert.Equal("deprovisioned", gone.State);
        Assert.Empty(ReleaseSecrets("e2e-milvus"));
        Assert.Null(cluster.Find("deployments", Namespace, "e2e-milvus-milvus-standalone"));
        Assert.Null(cluster.Find("serviceaccounts", Namespace, ServiceAccount));
        // helm keeps the claim (helm.sh/resource-policy: keep), and so the namespace stays: it holds data.
        Assert.Equal($"namespace {Namespace} retained: it holds PersistentVolumeClaims (e2e-milvus-milvus)",
            gone.Stages.Single(s => s.Stage == StageNames.ServiceAccount).Outputs["detail"]);
        Assert.Contains(gone.Leftovers, l => l.StartsWith("service-account:", StringComparison.Ordinal) && l.Contains("PersistentVolumeClaims"));
        Assert.NotNull(cluster.Find("persistentvolumeclaims", Namespace, "e2e-milvus-milvus"));

        // What was kept stays the environment's: a later destroy with --delete-data comes back for the claim and the namespace.
        var emptied = await RunAsync(Variables(), "destroy", "e2e-release", "--delete-data", "--output", "json");

        Assert.True(emptied.ExitCode == 0, emptied.ToString());
        Assert.Null(cluster.Find("persistentvolumeclaims", Namespace, "e2e-milvus-milvus"));
        Assert.Null(cluster.Find("namespaces", "", Namespace));
    }

    [HelmFact(4)]
    public async Task DestroyWithDeleteData_StandaloneRelease_ClaimThenNamespaceDeleted()
    {
        var request = Request("e2e-release-data", "e2e-data", "standalone");
        var applied = await RunAsync(Variables(), "apply", request, "--output", "json");
        Assert.True(applied.ExitCode == 0, applied.ToString());
        var bucket = Status(applied).Stages.Single(s => s.Stage == StageNames.Bucket).Outputs["name"];

        var destroyed = await RunAsync(Variables(), "destroy", "e2e-release-data", "--delete-data", "--output", "json");

        Assert.True(destroyed.ExitCode == 0, destroyed.ToString());
        Assert.Equal($"namespace {Namespace} deleted", Status(destroyed).Stages.Single(s => s.Stage == StageNames.ServiceAccount).Outputs["detail"]);
        Assert.Null(cluster.Find("persistentvolumeclaims", Namespace, "e2e-data-milvus"));
        Assert.Null(cluster.Find("namespaces", "", Namespace));
        Assert.DoesNotContain((await fixture.Aws.S3(WorkerEndToEndFixture.Region).ListBucketsAsync(new Amazon.S3.Model.ListBucketsRequest())).Buckets ?? [],
            b => b.BucketName == bucket);
    }

    [HelmFact(4)]
    public async Task Apply_ReleaseNeverBecomesReady_HelmRemovesItAndTheRunRollsBack()
    {
        var request = Request("e2e-never-ready", "e2e-stuck");
        cluster.NeverReady("e2e-stuck");
        var variables = Variables();
        variables["Helm__Timeout"] = "00:00:04";
        variables["Stages__Retry__Limit"] = "1";

        var applied = await RunAsync(variables, "apply", request, "--output", "json");

        Assert.True(applied.ExitCode == 1, applied.ToString());
        var status = Status(applied);
        Assert.Equal(StageNames.MilvusRelease, status.FailedStage);
        Assert.Equal([StageStatus.Compensated, StageStatus.Compensated, StageStatus.Compensated, StageStatus.Compensated, StageStatus.Failed, StageStatus.Skipped],
            status.Stages.Select(s => s.Status));
        Assert.Null(await fixture.Iam.Roles.GetRoleAsync(status.Stages.Single(s => s.Stage == StageNames.Role).Outputs["name"], default));
        Assert.Empty(ReleaseSecrets("e2e-stuck"));
        Assert.Null(cluster.Find("deployments", Namespace, "e2e-stuck-milvus-proxy"));
        Assert.Null(cluster.Find("serviceaccounts", Namespace, ServiceAccount));
        Assert.Null(cluster.Find("namespaces", "", Namespace));
    }

    private string Request(string environment, string release, string mode = "cluster") => ExampleRequests.Write(scratch.Path, "request.json", environment, Guid.NewGuid(), r =>
    {
        r["kubernetes"]!["manage"] = true;
        r["kubernetes"]!.AsObject().Remove("oidcIssuer");
        r["kubernetes"]!["createOidcProvider"] = true;
        r["milvus"] = new JsonObject { ["release"] = release, ["chart"] = HelmProcess.StubChart, ["mode"] = mode };
    });

    private Task<WorkerResult> RunAsync(Dictionary<string, string> variables, params string[] args) =>
        WorkerProcess.RunAsync(scratch.Path, variables, RunTimeout, args);

    private static EnvironmentStatus Status(WorkerResult result) => JsonSerializer.Deserialize<EnvironmentStatus>(result.StandardOutput, JsonSerializerOptions.Web)!;

    private List<string> ReleaseSecrets(string release) =>
        cluster.Store.List("secrets", Namespace, $"owner=helm,name={release}").Body["items"]!.AsArray().Select(s => s!["metadata"]!["name"]!.GetValue<string>()).ToList();

    private string Kubeconfig()
    {
        var path = scratch.File("kubeconfig");
        if (!File.Exists(path)) StandInKubeconfig.Write(path, cluster.Url);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return path;
    }

    private Dictionary<string, string> Variables() => new(fixture.Variables(scratch.File("saga.db")))
    {
        ["KUBECONFIG"] = Kubeconfig(),
        ["Helm__Binary"] = HelmBinaries.Require(4),
        ["Helm__Timeout"] = "00:01:00",
        // moto evaluates no web-identity trust: the document checks still run, the active probe could prove nothing.
        ["Verify__ActiveProbe"] = "Off",
    };
}
