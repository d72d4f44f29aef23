using System.Text.Json.Nodes;
using Provisioner.Worker.Stages.AccessKey;
using Provisioner.Worker.Stages.MilvusRelease;
using Provisioner.Worker.Tests.Infrastructure;

namespace Provisioner.Worker.Tests.Stages.MilvusRelease;

public sealed class AccessKeyHelmValuesTests
{
    [Fact]
    public void Apply_AccessKeyRequest_TurnsIamOffAndReadsTheKeyFromTheSecretOnly()
    {
        var valid = TestRequests.Valid();
        var request = valid with { Access = valid.Access with { Mode = "access-key" } };

        var values = JsonNode.Parse(TestRequests.Plan(request).Helm!.Values)!;

        Assert.False(values["externalS3"]!["useIAM"]!.GetValue<bool>());
        Assert.Equal("", values["externalS3"]!["accessKey"]!.GetValue<string>());
        Assert.Equal("", values["externalS3"]!["secretKey"]!.GetValue<string>());
        Assert.Null(values["serviceAccount"]!["name"]);
        var env = values["standalone"]!["extraEnv"]!.AsArray();
        Assert.Contains(env, e => e!["name"]!.GetValue<string>() == AccessKeyHelmValues.MilvusSecretKeyEnv
            && e["valueFrom"]!["secretKeyRef"]!["name"]!.GetValue<string>() == "milvus-tenant-a-s3-credentials"
            && e["valueFrom"]!["secretKeyRef"]!["key"]!.GetValue<string>() == AccessKeyPlan.SecretAccessKeyKey);
        Assert.All(AccessKeyHelmValues.Components, c => Assert.NotNull(values[c]!["extraEnv"]));
    }

    [Fact]
    public void Generate_IrsaRequest_HasNoExtraEnv()
    {
        var values = JsonNode.Parse(TestRequests.Plan(TestRequests.Valid()).Helm!.Values)!;

        Assert.True(values["externalS3"]!["useIAM"]!.GetValue<bool>());
        Assert.Null(values["standalone"]);
    }
}
