using System.Text.Json;
using Provisioner.Contracts;
using Provisioner.Worker.Tests.Infrastructure;

namespace Provisioner.Worker.Tests.EndToEnd;

/// <summary>
/// <c>apply</c> with <c>kubernetes.manage: true</c>: the built program against moto and the Kubernetes stand-in, reached
/// through a kubeconfig like a real cluster. The issuer is not in the request: the worker reads it from the cluster.
/// </summary>
public sealed class ManagedClusterEndToEndTests(WorkerEndToEndFixture fixture) : IClassFixture<WorkerEndToEndFixture>, IAsyncLifetime
{
    private const string DiscoveredIssuer = "https://oidc.eks.us-east-2.amazonaws.com/id/DISCOVERED0000000000000000000000";
    private readonly ScratchDirectory scratch = new();
    private KubernetesStandIn cluster = null!;

    public async Task InitializeAsync() => cluster = await KubernetesStandIn.StartAsync(DiscoveredIssuer);

    public async Task DisposeAsync()
    {
        await cluster.DisposeAsync();
        scratch.Dispose();
    }

    [Fact]
    public async Task Apply_ManagedServiceAccountWithoutIssuer_DiscoversIssuerAndAnnotatesServiceAccount()
    {
        var request = ExampleRequests.Write(scratch.Path, "request.json", "e2e-managed", Guid.NewGuid(), r =>
        {
            r["kubernetes"]!["manage"] = true;
            r["kubernetes"]!.AsObject().Remove("oidcIssuer");
            r["kubernetes"]!["createOidcProvider"] = true;
        });

        var result = await WorkerProcess.RunAsync(scratch.Path, Variables(), TimeSpan.FromSeconds(45), "apply", request, "--output", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var status = JsonSerializer.Deserialize<EnvironmentStatus>(result.StandardOutput, JsonSerializerOptions.Web)!;
        var roleArn = status.Stages.Single(s => s.Stage == StageNames.Role).Outputs["arn"];
        Assert.Contains("DISCOVERED0000000000000000000000", status.Stages.Single(s => s.Stage == StageNames.Role).Outputs["oidcProvider"]);
        var account = cluster.Find("serviceaccounts", "milvus", "milvus-s3-access-sa");
        Assert.NotNull(account);
        Assert.Equal(roleArn, account["metadata"]!["annotations"]!["eks.amazonaws.com/role-arn"]!.GetValue<string>());
        Assert.Equal("e2e-managed", account["metadata"]!["labels"]!["milvus-provisioner/environment"]!.GetValue<string>());
        var role = await fixture.Iam.Roles.GetRoleAsync(status.Stages.Single(s => s.Stage == StageNames.Role).Outputs["name"], default);
        Assert.Contains("oidc.eks.us-east-2.amazonaws.com/id/DISCOVERED0000000000000000000000:sub", role!.AssumeRolePolicyDocument);
        Assert.Equal(["bucket", "access-policy", "role", "service-account", "verify"], status.Stages.Select(s => s.Stage));
    }

    [Fact]
    public async Task Apply_ServiceAccountTakenByAnotherOwner_RollsBackTheAwsHalf()
    {
        cluster.Seed("namespaces", "", new() { ["metadata"] = new System.Text.Json.Nodes.JsonObject { ["name"] = "foreign" } });
        cluster.Seed("serviceaccounts", "foreign", new() { ["metadata"] = new System.Text.Json.Nodes.JsonObject { ["name"] = "milvus-s3-access-sa" } });
        var request = ExampleRequests.Write(scratch.Path, "request.json", "e2e-foreign-sa", Guid.NewGuid(), r =>
        {
            r["kubernetes"]!["manage"] = true;
            r["kubernetes"]!["namespace"] = "foreign";
            r["kubernetes"]!["createOidcProvider"] = true;
        });

        var result = await WorkerProcess.RunAsync(scratch.Path, Variables(), TimeSpan.FromSeconds(45), "apply", request, "--output", "json");

        Assert.True(result.ExitCode == 1, result.ToString());
        var status = JsonSerializer.Deserialize<EnvironmentStatus>(result.StandardOutput, JsonSerializerOptions.Web)!;
        Assert.Equal(StageNames.ServiceAccount, status.FailedStage);
        Assert.Equal([StageStatus.Compensated, StageStatus.Compensated, StageStatus.Compensated, StageStatus.Failed, StageStatus.Skipped], status.Stages.Select(s => s.Status));
        Assert.Null(await fixture.Iam.Roles.GetRoleAsync(status.Stages.Single(s => s.Stage == StageNames.Role).Outputs["name"], default));
        Assert.Null(cluster.Find("serviceaccounts", "foreign", "milvus-s3-access-sa")!["metadata"]!["annotations"]);
    }

    private Dictionary<string, string> Variables()
    {
        var kubeconfig = scratch.File("kubeconfig");
        StandInKubeconfig.Write(kubeconfig, cluster.Url);
        var variables = new Dictionary<string, string>(fixture.Variables(scratch.File("saga.db")))
        {
            ["KUBECONFIG"] = kubeconfig,
            // moto does not evaluate web-identity trust and lets every signed call through without IAM enforcement,
            // so the active probe could not tell a right grant from a wrong one here: the document checks still run.
            ["Verify__ActiveProbe"] = "Off",
        };
        return variables;
    }
}
