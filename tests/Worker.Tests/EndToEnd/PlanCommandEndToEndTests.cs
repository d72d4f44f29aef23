using System.Text.Json.Nodes;
using Provisioner.Worker.Tests.Infrastructure;

namespace Provisioner.Worker.Tests.EndToEnd;

/// <summary><c>plan</c> as users run it: the built program, the repository's example, no cloud anywhere.</summary>
public sealed class PlanCommandEndToEndTests : IDisposable
{
    private const string ExampleRoleArn = "arn:aws:iam::123456789012:role/milvus-tenant-a-s3-access";

    private readonly ScratchDirectory scratch = new();

    public void Dispose() => scratch.Dispose();

    [Fact]
    public async Task Plan_ExampleWithoutAwsSettings_PrintsPlanJsonWithoutTouchingTheCloud()
    {
        var request = scratch.File("tenant-a.json");
        File.Copy(WorkerEndToEndFixture.ExampleRequestPath, request);
        // No credentials, and an endpoint nobody listens on: any cloud call would fail the run.
        var variables = new Dictionary<string, string> { ["AWS_ENDPOINT_URL"] = $"http://127.0.0.1:{FreeTcpPort.Next()}" };

        var result = await WorkerProcess.RunAsync(scratch.Path, variables, TimeSpan.FromSeconds(30), "plan", request);

        Assert.True(result.ExitCode == 0, result.ToString());
        var plan = JsonNode.Parse(result.StandardOutput)!.AsObject();
        Assert.All(["bucket", "accessPolicy", "role", "serviceAccount"], key => Assert.True(plan.ContainsKey(key), $"no '{key}' in {plan}"));
        Assert.Equal(ExampleRoleArn, plan["role"]!["arn"]!.GetValue<string>());
        var annotations = plan["serviceAccount"]!["manifest"]!["metadata"]!["annotations"]!;
        Assert.Equal(ExampleRoleArn, annotations["eks.amazonaws.com/role-arn"]!.GetValue<string>());
        // No milvus section: no release stage, so no helm section (a plan shows only what the run will do).
        Assert.False(plan.ContainsKey("helm"));
        Assert.False(Directory.Exists(scratch.File("data")), "plan opened the saga store");
    }
}
