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
    public void Generate_OverridesOfChartChoices_DeepMergedAndWin() =>
        JsonAssert.Equivalent("""
            {
              "cluster": { "enabled": false },
              "serviceAccount": { "create": false, "name": "milvus-s3-access-sa" },
              "minio": { "enabled": false },
              "externalS3": {
                "enabled": true, "host": "s3.us-east-2.amazonaws.com", "port": 443, "useSSL": true,
                "bucketName": "milvus-tenant-a-67966ad1", "rootPath": "custom/root", "useIAM": true,
                "cloudProvider": "aws", "iamEndpoint": "", "region": "us-east-2"
              },
              "pulsarv3": { "enabled": false },
              "woodpecker": false,
              "queryNode": { "replicas": 2 }
            }
            """,
            Generate("""
                {
                  "cluster": { "enabled": false },
                  "externalS3": { "rootPath": "custom/root" },
                  "woodpecker": false,
                  "queryNode": { "replicas": 2 }
                }
                """).ToJsonString());

    [Fact]
    public void Generate_OverrideOfServiceAccountAndBucket_OursKept()
    {
        var values = Generate("""{"serviceAccount":{"name":"attacker"},"externalS3":{"bucketName":"other"}}""");

        Assert.Equal(("milvus-s3-access-sa", Bucket), (values["serviceAccount"]!["name"]!.GetValue<string>(),
            values["externalS3"]!["bucketName"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("every forced key", """
        {
          "serviceAccount": { "create": true, "name": "attacker" },
          "minio": { "enabled": true },
          "externalS3": {
            "enabled": false, "host": "evil.example.com", "port": 80, "useSSL": false, "bucketName": "other", "useIAM": false,
            "cloudProvider": "gcp", "iamEndpoint": "http://169.254.169.254/", "region": "eu-west-1"
          }
        }
        """)]
    [InlineData("sections replaced by scalars", """{"serviceAccount":"attacker","minio":true,"externalS3":"other"}""")]
    [InlineData("sections set to null", """{"serviceAccount":null,"minio":null,"externalS3":null}""")]
    public void Generate_OverridesOfForcedKeys_EveryForcedKeyOurs(string rule, string overrides)
    {
        var values = Generate(overrides);

        AssertHolds(ForcedHelmValues.For(TestRequests.Valid(), Bucket, Host), values, rule);
    }

    [Fact]
    public void Generate_NoOverrides_EveryForcedKeyOurs() =>
        AssertHolds(ForcedHelmValues.For(TestRequests.Valid(), Bucket, Host), HelmValues.Generate(TestRequests.Valid(), Bucket, Host), "none");

    [Fact]
    public void Generate_OverridesBesideForcedKeys_Kept()
    {
        var values = Generate("""{"serviceAccount":{"annotations":{"team":"search"}},"externalS3":{"useVirtualHost":true}}""");

        Assert.Equal("search", values["serviceAccount"]!["annotations"]!["team"]!.GetValue<string>());
        Assert.True(values["externalS3"]!["useVirtualHost"]!.GetValue<bool>());
    }

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

    /// <summary>Every leaf of <paramref name="forced"/> is in <paramref name="values"/> with the same value.</summary>
    internal static void AssertHolds(JsonObject forced, JsonObject values, string rule)
    {
        foreach (var (key, value) in forced)
        {
            if (value is JsonObject section) AssertHolds(section, Assert.IsType<JsonObject>(values[key]), $"{rule}: {key}");
            else Assert.True(JsonNode.DeepEquals(value, values[key]), $"{rule}: {key} is {values[key]?.ToJsonString()}");
        }
    }

    private static JsonObject Generate(string overrides) =>
        Generate(m => m with { Values = JsonSerializer.Deserialize<JsonElement>(overrides) });

    private static JsonObject Generate(Func<MilvusSpec, MilvusSpec> change)
    {
        var valid = TestRequests.Valid();
        return HelmValues.Generate(valid with { Milvus = change(valid.Milvus!) }, Bucket, Host);
    }
}
