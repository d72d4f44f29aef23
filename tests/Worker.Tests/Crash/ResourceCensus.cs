using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Options;
using Provisioner.Worker.Aws;
using Provisioner.Worker.Aws.Iam;
using Provisioner.Worker.Planning;
using Provisioner.Worker.Tests.Infrastructure;

namespace Provisioner.Worker.Tests.Crash;

/// <summary>
/// Everything one environment holds in moto and the Kubernetes stand-in, one line per resource, written so that two
/// environments built the same way give the same lines: the environment's name, the bucket's hash, run ids and key ids
/// are replaced by placeholders. Each line also says whether the resource carries our ownership mark, so "nothing
/// untagged" is part of the comparison. Policy versions, access keys and release revisions are counted, not named.
/// </summary>
public static partial class ResourceCensus
{
    public const string Untagged = "UNTAGGED";

    public static async Task<IReadOnlyList<string>> TakeAsync(MotoServer moto, KubernetesStandIn? cluster, string environment)
    {
        var lines = new List<string>();
        lines.AddRange(await BucketsAsync(moto, environment));
        lines.AddRange(await IamAsync(moto, environment));
        if (cluster is not null) lines.AddRange(Kubernetes(cluster, environment));
        return lines.Select(l => Normalise(l, environment)).Order(StringComparer.Ordinal).ToList();
    }

    private static async Task<List<string>> BucketsAsync(MotoServer moto, string environment)
    {
        using var aws = new AwsClients(Options.Create(moto.Options), moto.Credentials);
        var s3 = aws.S3("us-east-2");
        var lines = new List<string>();
        foreach (var bucket in (await s3.ListBucketsAsync(new ListBucketsRequest())).Buckets ?? [])
        {
            if (!bucket.BucketName.StartsWith($"milvus-{environment}-", StringComparison.Ordinal)) continue;
            var tags = await OrNullAsync(async () => (await s3.GetBucketTaggingAsync(new GetBucketTaggingRequest { BucketName = bucket.BucketName })).TagSet);
            var policy = await OrNullAsync(async () => (await s3.GetBucketPolicyAsync(new GetBucketPolicyRequest { BucketName = bucket.BucketName })).Policy);
            var versioning = (await s3.GetBucketVersioningAsync(new GetBucketVersioningRequest { BucketName = bucket.BucketName })).VersioningConfig.Status;
            var objects = (await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket.BucketName })).KeyCount;
            // Without a policy moto answers 404 with an XML error body, which this SDK version hands back as the "policy".
            var statements = policy is ['{', ..] ? JsonNode.Parse(policy)!["Statement"]!.AsArray().Count : 0;
            lines.Add($"s3 bucket {bucket.BucketName} versioning={versioning} policy-statements={statements} objects={objects} " +
                Tags(tags?.ToDictionary(t => t.Key, t => t.Value), environment));
        }
        return lines;
    }

    private static async Task<List<string>> IamAsync(MotoServer moto, string environment)
    {
        using var iam = moto.CreateIamClient();
        var t = iam.Transport;
        var mine = $"-{environment}-";
        var lines = new List<string>();
        foreach (var policy in await t.ListAllAsync(IamQuery.For("ListPolicies").Add("Scope", "Local"), "Policies", p => p, default))
        {
            var (name, arn) = (policy.Required("PolicyName"), policy.Required("Arn"));
            if (!name.Contains(mine, StringComparison.Ordinal)) continue;
            var versions = await t.ListAllAsync(IamQuery.For("ListPolicyVersions").Add("PolicyArn", arn), "Versions", v => v, default);
            var tags = await TagsAsync(t, IamQuery.For("ListPolicyTags").Add("PolicyArn", arn));
            var attachments = policy.Text("AttachmentCount");
            lines.Add($"iam policy {name} versions={versions.Count} attachments={attachments} {Tags(tags, environment)}");
        }
        foreach (var role in await t.ListAllAsync(IamQuery.For("ListRoles"), "Roles", r => r.Required("RoleName"), default))
        {
            if (!role.Contains(mine, StringComparison.Ordinal)) continue;
            var attached = await t.ListAllAsync(IamQuery.For("ListAttachedRolePolicies").Add("RoleName", role), "AttachedPolicies", p => p.Required("PolicyName"), default);
            var inline = await t.ListAllAsync(IamQuery.For("ListRolePolicies").Add("RoleName", role), "PolicyNames", p => p.Value, default);
            var tags = await TagsAsync(t, IamQuery.For("ListRoleTags").Add("RoleName", role));
            lines.Add($"iam role {role} attached=[{string.Join(',', attached.Order())}] inline={inline.Count} {Tags(tags, environment)}");
        }
        foreach (var user in await t.ListAllAsync(IamQuery.For("ListUsers"), "Users", u => u.Required("UserName"), default))
        {
            if (!user.Contains(mine, StringComparison.Ordinal)) continue;
            var attached = await t.ListAllAsync(IamQuery.For("ListAttachedUserPolicies").Add("UserName", user), "AttachedPolicies", p => p.Required("PolicyName"), default);
            var inline = await t.ListAllAsync(IamQuery.For("ListUserPolicies").Add("UserName", user), "PolicyNames", p => p.Value, default);
            var keys = await t.ListAllAsync(IamQuery.For("ListAccessKeys").Add("UserName", user), "AccessKeyMetadata", k => k.Required("Status"), default);
            var tags = await TagsAsync(t, IamQuery.For("ListUserTags").Add("UserName", user));
            lines.Add($"iam user {user} attached=[{string.Join(',', attached.Order())}] inline={inline.Count} keys=[{string.Join(',', keys.Order())}] {Tags(tags, environment)}");
        }
        var providers = await t.SendAsync(IamQuery.For("ListOpenIDConnectProviders"), default);
        foreach (var arn in providers.Members("OpenIDConnectProviderList").Select(p => p.Required("Arn")))
        {
            if (!arn.Contains(environment.ToUpperInvariant(), StringComparison.Ordinal)) continue;
            var tags = await TagsAsync(t, IamQuery.For("ListOpenIDConnectProviderTags").Add("OpenIDConnectProviderArn", arn));
            // A cluster's provider is shared by its environments: ours carries managed-by only, never an environment.
            var mark = tags.GetValueOrDefault(OwnershipTags.ManagedBy) == OwnershipTags.ManagedByValue ? "shared" : Untagged;
            lines.Add($"iam oidc-provider {arn.ToLowerInvariant()} {mark}");
        }
        return lines;
    }

    private static IEnumerable<string> Kubernetes(KubernetesStandIn cluster, string environment)
    {
        foreach (var type in cluster.Store.Types.All.Where(t => t.Plural is not ("events" or "pods" or "replicasets" or "endpoints" or "endpointslices")))
        {
            var items = type.Namespaced ? cluster.Store.Items(type, environment) : cluster.Store.Items(type, "").Where(o => Name(o) == environment);
            // What the cluster itself puts in every namespace is neither ours nor anyone's leftover.
            foreach (var item in items.Where(i => (type.Plural, Name(i)) is not (("serviceaccounts", "default") or ("configmaps", "kube-root-ca.crt"))))
            {
                var labels = item["metadata"]?["labels"]?.AsObject().ToDictionary(l => l.Key, l => l.Value!.GetValue<string>());
                var owned = labels is not null && (labels.ContainsKey(OwnershipTags.Environment) || labels.GetValueOrDefault("owner") == "helm"
                    || labels.GetValueOrDefault("app.kubernetes.io/managed-by") == "Helm");
                var name = HelmRevision().Replace(Name(item), ".v#");
                var revision = item["metadata"]?["labels"]?["status"] is { } status ? $" status={status.GetValue<string>()}" : "";
                yield return $"k8s {type.Key} {name}{revision} {(owned ? Tags(labels, environment) : Untagged)}";
            }
        }
    }

    private static string Name(JsonObject item) => item["metadata"]!["name"]!.GetValue<string>();

    private static async Task<IReadOnlyDictionary<string, string>> TagsAsync(IamTransport transport, IamQuery query) =>
        (await transport.ListAllAsync(query, "Tags", t => (Key: t.Required("Key"), Value: t.Required("Value")), default)).ToDictionary(t => t.Key, t => t.Value);

    /// <summary>Tags or labels with the run id's value hidden; <see cref="Untagged"/> when our environment mark is missing.</summary>
    private static string Tags(IReadOnlyDictionary<string, string>? tags, string environment)
    {
        if (tags is null || !tags.TryGetValue(OwnershipTags.Environment, out var owner) || owner != environment)
            return tags is not null && tags.Keys.Any(k => k.StartsWith("helm.sh/", StringComparison.Ordinal) || k == "owner")
                ? "helm-owned" : Untagged;
        return "tags{" + string.Join(',', tags.Where(t => t.Key != OwnershipTags.RunId).OrderBy(t => t.Key, StringComparer.Ordinal)
            .Select(t => $"{t.Key}={t.Value}").Append($"{OwnershipTags.RunId}=" + (Guid.TryParse(tags.GetValueOrDefault(OwnershipTags.RunId), out _) ? "{run}" : "none"))) + "}";
    }

    /// <summary>A line with the environment's name and its bucket hash replaced, so runs of different environments compare.</summary>
    public static string Normalise(string line, string environment) =>
        BucketHash().Replace(line.Replace(environment, "{env}", StringComparison.Ordinal)
            .Replace(environment.ToUpperInvariant(), "{env}", StringComparison.Ordinal), "milvus-{env}-{hash}");

    private static async Task<T?> OrNullAsync<T>(Func<Task<T>> read) where T : class
    {
        try
        {
            return await read();
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    [GeneratedRegex(@"milvus-\{env\}-[0-9a-f]{8}")]
    private static partial Regex BucketHash();

    [GeneratedRegex(@"\.v[0-9]+$")]
    private static partial Regex HelmRevision();
}
