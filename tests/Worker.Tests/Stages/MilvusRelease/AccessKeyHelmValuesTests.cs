using System.Text.Json;
using System.Text.Json.Nodes;
using Provisioner.Contracts;
using Provisioner.Worker.Stages.AccessKey;
using Provisioner.Worker.Stages.MilvusRelease;
using Provisioner.Worker.Tests.Infrastructure;

namespace Provisioner.Worker.Tests.Stages.MilvusRelease;

public sealed class AccessKeyHelmValuesTests
{
    private static readonly string[] OurNames =
    [
        AccessKeyHelmValues.MilvusAccessKeyEnv, AccessKeyHelmValues.MilvusSecretKeyEnv,
        AccessKeyPlan.AccessKeyIdKey, AccessKeyPlan.SecretAccessKeyKey,
    ];

    [Fact]
    public void Apply_AccessKeyRequest_TurnsIamOffAndReadsTheKeyFromTheSecretOnly()
    {
        var valid = TestRequests.Valid();
        var request = valid with { Access = valid.Access with { Mode = "access-key" } };

        var values = JsonNode.Parse(TestRequests.Plan(request).Helm!.Values)!;

        Assert.False(values["externalS3"]!["useIAM"]!.GetValue<bool>());
        Assert.Equal("", values["externalS3"]!["accessKey"]!.GetValue<string>());
        Assert.Equal("", values["externalS3"]!["secretKey"]!.GetValue<string>());
        JsonAssert.Equivalent("""{"create":false,"name":"default"}""", values["serviceAccount"]!.ToJsonString());
        var env = values["standalone"]!["extraEnv"]!.AsArray();
        Assert.Contains(env, e => e!["name"]!.GetValue<string>() == AccessKeyHelmValues.MilvusSecretKeyEnv
            && e["valueFrom"]!["secretKeyRef"]!["name"]!.GetValue<string>() == "milvus-tenant-a-s3-credentials"
            && e["valueFrom"]!["secretKeyRef"]!["key"]!.GetValue<string>() == AccessKeyPlan.SecretAccessKeyKey);
        Assert.All(AccessKeyHelmValues.Components, c => Assert.NotNull(values[c]!["extraEnv"]));
    }

    [Fact]
    public void Force_OverridesOfServiceAccountKeyAndIam_Ours()
    {
        var values = Values(AccessKeyRequest("""
            {"serviceAccount":{"create":true,"name":"milvus-provisioner"},"externalS3":{"useIAM":true,"accessKey":"planted","secretKey":"planted"}}
            """));

        JsonAssert.Equivalent("""{"create":false,"name":"default"}""", values["serviceAccount"]!.ToJsonString());
        Assert.Equal((false, "", ""), (values["externalS3"]!["useIAM"]!.GetValue<bool>(), values["externalS3"]!["accessKey"]!.GetValue<string>(),
            values["externalS3"]!["secretKey"]!.GetValue<string>()));
    }

    [Fact]
    public void ApplyEnv_CallersEnv_TheirsKeptExceptWhatMilvusReadsAsTheKeyAndOursLast()
    {
        var values = Values(AccessKeyRequest("""
            {"proxy":{"replicas":2,"extraEnv":[
              {"name":"LOG_LEVEL","value":"debug"},
              {"name":"minio.accessKeyID","value":"planted"},
              {"name":"AWS_SECRET_ACCESS_KEY","valueFrom":{"secretKeyRef":{"name":"other-secret","key":"k"}}}
            ]},
            "queryNode":"not an object"}
            """));

        Assert.Equal(2, values["proxy"]!["replicas"]!.GetValue<int>());
        Assert.Equal(["LOG_LEVEL", .. OurNames], Names(values["proxy"]!));
        Assert.Equal(OurNames, Names(values["queryNode"]!));
        Assert.All(values["proxy"]!["extraEnv"]!.AsArray().Skip(1), e =>
            Assert.Equal("milvus-tenant-a-s3-credentials", e!["valueFrom"]!["secretKeyRef"]!["name"]!.GetValue<string>()));
    }

    [Fact]
    public void ApplyEnv_CallerEmptiesExtraEnv_OursAll() =>
        Assert.All(AccessKeyHelmValues.Components, c => Assert.Equal(OurNames,
            Names(Values(AccessKeyRequest(new JsonObject { [c] = new JsonObject { ["extraEnv"] = new JsonArray() } }.ToJsonString()))[c]!)));

    [Fact]
    public void Generate_IrsaRequest_HasNoExtraEnv()
    {
        var values = JsonNode.Parse(TestRequests.Plan(TestRequests.Valid()).Helm!.Values)!;

        Assert.True(values["externalS3"]!["useIAM"]!.GetValue<bool>());
        Assert.Null(values["standalone"]);
    }

    private static EnvironmentRequest AccessKeyRequest(string overrides)
    {
        var valid = TestRequests.Valid();
        return valid with
        {
            Access = valid.Access with { Mode = "access-key" },
            Milvus = valid.Milvus! with { Values = JsonSerializer.Deserialize<JsonElement>(overrides) },
        };
    }

    private static JsonNode Values(EnvironmentRequest request) => JsonNode.Parse(TestRequests.Plan(request).Helm!.Values)!;

    private static List<string> Names(JsonNode component) =>
        [.. component["extraEnv"]!.AsArray().Select(e => e!["name"]!.GetValue<string>())];
}
