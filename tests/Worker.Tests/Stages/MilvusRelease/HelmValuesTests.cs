using System.Text.Json;
using System.Text.Json.Nodes;
using Provisioner.Contracts;
using Provisioner.Worker.Stages.MilvusRelease;
using Provisioner.Worker.Tests.Infrastructure;

namespace Provisioner.Worker.Tests.Stages.MilvusRelease;

public sealed class HelmValuesTests
{
    private const string Bucket = "milvus-tenant-a-67966ad1";
    private const string Host = "s3.us-east-2.amazonaws.com";

    [Fact]
    public void Generate_ClusterMode_GuideValuesWithRegionAndWithoutPulsar() =>
        JsonAssert.Equivalent("""
            {
              "cluster": { "enabled": true },
              "serviceAccount": { "create": false, "name": "milvus-s3-access-sa" },
              "minio": { "enabled": false },
              "externalS3": {
                "enabled": true, "host": "s3.us-east-2.amazonaws.com", "port": 443, "useSSL": true,
                "bucketName": "milvus-tenant-a-67966ad1", "rootPath": "tenant-a", "useIAM": true,
                "cloudProvider": "aws", "iamEndpoint": "", "region": "us-east-2"
              },
              "pulsarv3": { "enabled": false },
              "woodpecker": { "enabled": true }
            }
            """, HelmValues.Generate(TestRequests.Valid(), Bucket, Host).ToJsonString());

    [Fact]
    public void Generate_StandaloneMode_ClusterDisabled() =>
        Assert.False(Generate(m => m with { Mode = "standalone" })["cluster"]!["enabled"]!.GetValue<bool>());

    [Fact]
    public void Generate_NoMilvusSpec_ClusterEnabled() =>
        Assert.True(HelmValues.Generate(TestRequests.Valid() with { Milvus = null }, Bucket, Host)["cluster"]!["enabled"]!.GetValue<bool>());

    [Fact]
    public void Generate_ServiceAccountFromRequest_NamedAndNotCreated()
    {
        var valid = TestRequests.Valid();
        var request = valid with { Kubernetes = valid.Kubernetes with { ServiceAccount = "vectors-sa" } };

        JsonAssert.Equivalent("""{ "create": false, "name": "vectors-sa" }""",
            HelmValues.Generate(request, Bucket, Host)["serviceAccount"]!.ToJsonString());
    }

    [Fact]
    public void Generate_Overrides_DeepMergedAndWin() =>
        JsonAssert.Equivalent("""
            {
              "cluster": { "enabled": false },
              "serviceAccount": { "create": false, "name": "milvus-s3-access-sa" },
              "minio": { "enabled": true },
              "externalS3": {
                "enabled": true, "host": "s3.us-east-2.amazonaws.com", "port": 8443, "useSSL": true,
                "bucketName": "milvus-tenant-a-67966ad1", "rootPath": "custom/root", "useIAM": true,
                "cloudProvider": "aws", "iamEndpoint": "", "region": "us-east-2"
              },
              "pulsarv3": { "enabled": false },
              "woodpecker": false,
              "queryNode": { "replicas": 2 }
            }
            """,
            Generate(m => m with
            {
                Values = JsonSerializer.Deserialize<JsonElement>("""
                    {
                      "cluster": { "enabled": false },
                      "minio": { "enabled": true },
                      "externalS3": { "port": 8443, "rootPath": "custom/root" },
                      "woodpecker": false,
                      "queryNode": { "replicas": 2 }
                    }
                    """),
            }).ToJsonString());

    [Fact]
    public void Generate_NullValues_GeneratedValuesOnly() =>
        JsonAssert.Equivalent(HelmValues.Generate(TestRequests.Valid(), Bucket, Host).ToJsonString(),
            Generate(m => m with { Values = JsonSerializer.Deserialize<JsonElement>("null") }).ToJsonString());

    [Theory]
    [InlineData("nested object: siblings kept", """{"a":{"b":1,"c":2}}""", """{"a":{"c":3}}""", """{"a":{"b":1,"c":3}}""")]
    [InlineData("three levels deep", """{"a":{"b":{"c":1,"d":2}},"e":1}""", """{"a":{"b":{"d":3}}}""", """{"a":{"b":{"c":1,"d":3}},"e":1}""")]
    [InlineData("array replaced, not appended", """{"a":[1,2]}""", """{"a":[3]}""", """{"a":[3]}""")]
    [InlineData("object over scalar", """{"a":1}""", """{"a":{"b":2}}""", """{"a":{"b":2}}""")]
    [InlineData("scalar over object", """{"a":{"b":1}}""", """{"a":"x"}""", """{"a":"x"}""")]
    [InlineData("null kept for Helm to delete the key", """{"a":{"b":1}}""", """{"a":null}""", """{"a":null}""")]
    [InlineData("new keys added", """{"a":1}""", """{"b":{"c":{"d":true}}}""", """{"a":1,"b":{"c":{"d":true}}}""")]
    public void MergeInto_Overrides_MergedAsHelmMergesValueFiles(string rule, string target, string overrides, string expected)
    {
        var merged = JsonNode.Parse(target)!.AsObject();

        HelmValues.MergeInto(merged, JsonNode.Parse(overrides)!.AsObject());

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), merged), $"{rule}: {merged.ToJsonString()}");
    }

    [Fact]
    public void MergeInto_ThenChangeTarget_OverridesUntouched()
    {
        var target = JsonNode.Parse("""{"a":{"b":1}}""")!.AsObject();
        var overrides = JsonNode.Parse("""{"a":{"c":{"d":1}},"e":[1]}""")!.AsObject();

        HelmValues.MergeInto(target, overrides);
        target["a"]!["c"]!["d"] = 2;
        target["e"]!.AsArray().Add(2);

        JsonAssert.Equivalent("""{"a":{"c":{"d":1}},"e":[1]}""", overrides.ToJsonString());
    }

    private static JsonObject Generate(Func<MilvusSpec, MilvusSpec> change)
    {
        var valid = TestRequests.Valid();
        return HelmValues.Generate(valid with { Milvus = change(valid.Milvus!) }, Bucket, Host);
    }
}
