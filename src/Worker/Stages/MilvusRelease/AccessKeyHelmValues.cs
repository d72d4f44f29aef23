using System.Text.Json.Nodes;
using Provisioner.Contracts;
using Provisioner.Worker.Planning;
using Provisioner.Worker.Stages.AccessKey;

namespace Provisioner.Worker.Stages.MilvusRelease;

/// <summary>
/// Access-key mode in the Milvus chart without the key in the values. The chart (zilliztech/milvus-helm,
/// <c>templates/config.tpl</c>) only knows <c>externalS3.accessKey</c>/<c>secretKey</c>, which it writes in clear into
/// its ConfigMap; it has no existing-Secret option. Every component does take <c>extraEnv</c> (rendered verbatim into
/// the container's env), so the key reaches Milvus as env vars read from our Secret. Milvus compares environment and
/// yaml keys lower-cased with <c>_</c>, <c>.</c> and <c>/</c> removed (<c>pkg/config</c> <c>formatKey</c>), so
/// <c>MINIO_ACCESS_KEY_ID</c> is <c>minio.accessKeyID</c>, and its environment source outranks the yaml files, so the
/// env var wins over the chart's empty value. The values hold the Secret's name only.
/// </summary>
public static class AccessKeyHelmValues
{
    public const string MilvusAccessKeyEnv = "MINIO_ACCESS_KEY_ID";
    public const string MilvusSecretKeyEnv = "MINIO_SECRET_ACCESS_KEY";

    /// <summary>Setting a component that the chosen mode does not deploy is harmless; the list covers chart 4.x and 5.x.</summary>
    public static readonly string[] Components =
        ["standalone", "proxy", "mixCoordinator", "rootCoordinator", "queryCoordinator", "indexCoordinator", "dataCoordinator",
         "queryNode", "indexNode", "dataNode", "streamingNode"];

    /// <summary>Into the forced values: no IAM, no key in the values, and the namespace's <c>default</c> ServiceAccount.</summary>
    public static void Force(JsonObject forced)
    {
        var s3 = forced["externalS3"]!.AsObject();
        s3["useIAM"] = false;
        s3["accessKey"] = "";
        s3["secretKey"] = "";
        // Named, not left to the chart's default, so no override can name another (the worker's own, say).
        forced["serviceAccount"] = new JsonObject { ["create"] = false, ["name"] = "default" };
    }

    /// <summary>
    /// Our env entries last in every component's <c>extraEnv</c>, after the caller's own minus any that Milvus would
    /// read as the same key (it compares names lower-cased without <c>_</c>, <c>.</c> and <c>/</c>).
    /// </summary>
    public static void ApplyEnv(JsonObject values, EnvironmentRequest request)
    {
        var secret = ResourceNames.Secret(request);
        JsonNode[] ours =
        [
            FromSecret(MilvusAccessKeyEnv, secret, AccessKeyPlan.AccessKeyIdKey),
            FromSecret(MilvusSecretKeyEnv, secret, AccessKeyPlan.SecretAccessKeyKey),
            FromSecret(AccessKeyPlan.AccessKeyIdKey, secret, AccessKeyPlan.AccessKeyIdKey),
            FromSecret(AccessKeyPlan.SecretAccessKeyKey, secret, AccessKeyPlan.SecretAccessKeyKey),
        ];
        var ourKeys = ours.Select(e => MilvusKey(e["name"]!.GetValue<string>())).ToHashSet(StringComparer.Ordinal);
        foreach (var component in Components)
        {
            if (values[component] is not JsonObject section) values[component] = section = [];
            var theirs = (section["extraEnv"] as JsonArray ?? []).Where(e => !(e?["name"] is JsonValue name
                && name.TryGetValue<string>(out var text) && ourKeys.Contains(MilvusKey(text))));
            section["extraEnv"] = new JsonArray([.. theirs.Select(e => e?.DeepClone()), .. ours.Select(e => e.DeepClone())]);
        }
    }

    private static string MilvusKey(string env) =>
        env.Replace("_", "", StringComparison.Ordinal).Replace(".", "", StringComparison.Ordinal)
            .Replace("/", "", StringComparison.Ordinal).ToLowerInvariant();

    private static JsonObject FromSecret(string env, string secret, string key) => new()
    {
        ["name"] = env,
        ["valueFrom"] = new JsonObject { ["secretKeyRef"] = new JsonObject { ["name"] = secret, ["key"] = key } },
    };
}
