using System.Text.Json.Nodes;
using Provisioner.Worker.Tests.Infrastructure;

namespace Provisioner.Worker.Tests.Deploy;

/// <summary>The worker's own chart renders and lints with the real helm; its own IAM policy stays scoped to milvus-* names.</summary>
public sealed class DeployArtifactsTests
{
    private static readonly string Chart = RepositoryRoot.Combine("deploy", "helm", "milvus-provisioner");

    [HelmFact(4)]
    public async Task Lint_WorkerChart_Passes()
    {
        var output = await HelmProcess.SucceedAsync(HelmBinaries.Require(4), "lint", Chart);

        Assert.Contains("0 chart(s) failed", output);
    }

    [HelmFact(4)]
    public async Task Template_RoleArnAndExistingSecret_AnnotatesServiceAccountAndNeverInlinesSecrets()
    {
        var output = await HelmProcess.SucceedAsync(HelmBinaries.Require(4), "template", "w", Chart,
            "--set", "serviceAccount.roleArn=arn:aws:iam::123456789012:role/provisioner", "--set", "existingSecret=provisioner-secrets");

        Assert.Contains("eks.amazonaws.com/role-arn: \"arn:aws:iam::123456789012:role/provisioner\"", output);
        Assert.Contains("name: provisioner-secrets", output);
        Assert.Contains("runAsNonRoot: true", output);
        Assert.DoesNotContain("kind: Secret", output);
    }

    [Fact]
    public void WorkerPolicy_EveryWriteIsScopedToMilvusNames()
    {
        var policy = JsonNode.Parse(File.ReadAllText(RepositoryRoot.Combine("deploy", "iam", "worker-policy.json")))!;

        foreach (var statement in policy["Statement"]!.AsArray())
        {
            var actions = statement!["Action"]!.AsArray().Select(a => a!.GetValue<string>()).ToList();
            var resource = statement["Resource"]!.GetValue<string>();
            Assert.DoesNotContain("*", actions);
            Assert.DoesNotContain(actions, a => a.EndsWith(":*", StringComparison.Ordinal));
            if (statement["Effect"]!.GetValue<string>() == "Allow" && actions.Any(a => a.StartsWith("s3:") || a.Contains("Create") || a.Contains("Delete")))
                Assert.Contains("milvus-", resource);
        }
    }
}
