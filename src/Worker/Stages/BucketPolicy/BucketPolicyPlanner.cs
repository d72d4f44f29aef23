using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Provisioner.Contracts;
using Provisioner.Worker.Planning;
using Provisioner.Worker.Stages.Bucket;

namespace Provisioner.Worker.Stages.BucketPolicy;

/// <summary>The cross-account grants of a request → bucket-policy statements, the other side's policies, and warnings.</summary>
public static class BucketPolicyPlanner
{
    public const string SidStem = "MilvusProvisioner";

    /// <summary>Null when the request has no <c>crossAccount</c> list; an empty list plans the removal of our statements.</summary>
    public static BucketPolicyPlan? Plan(EnvironmentRequest request, BucketPlan bucket, string partition, string accountId)
    {
        if (request.CrossAccount is not { } grants) return null;
        var prefix = SidPrefix(request.Environment);
        var warnings = new List<string>();
        var planned = new List<BucketPolicyGrant>();
        for (var i = 0; i < grants.Count; i++)
        {
            var grant = grants[i];
            var readOnly = grant.Permissions != "read-write";
            var sid = prefix + Hex8(grant.Principal);
            var statement = Statement(sid, grant, bucket.Arn, readOnly);
            var identity = PolicyDocuments.BucketAccess(partition, bucket.Name, readOnly);
            planned.Add(new BucketPolicyGrant(sid, grant.Principal, grant.Permissions, statement.ToJsonString(), identity.ToJsonString()));
            warnings.AddRange(Warnings($"crossAccount[{i}]", grant, request.Bucket, accountId));
        }
        return new BucketPolicyPlan(bucket.Name, bucket.Region, bucket.Arn, prefix, planned, warnings, bucket.Tags);
    }

    /// <summary>Sids allow only letters and digits; the environment's hash keeps two environments' statements apart.</summary>
    public static string SidPrefix(string environment) => SidStem + Hex8(environment);

    public static JsonObject Statement(string sid, CrossAccountGrant grant, string bucketArn, bool readOnly)
    {
        JsonArray actions = readOnly ? ["s3:GetObject", "s3:ListBucket"] : ["s3:DeleteObject", "s3:GetObject", "s3:ListBucket", "s3:PutObject"];
        var statement = new JsonObject
        {
            ["Sid"] = sid,
            ["Effect"] = "Allow",
            ["Principal"] = new JsonObject { ["AWS"] = grant.Principal },
            ["Action"] = actions,
            ["Resource"] = new JsonArray(bucketArn, $"{bucketArn}/*"),
        };
        if (Condition(grant.Conditions) is { Count: > 0 } condition) statement["Condition"] = condition;
        return statement;
    }

    private static JsonObject Condition(GrantConditions? conditions)
    {
        var condition = new JsonObject();
        if (conditions is null) return condition;
        if (conditions.SourceIp is { Count: > 0 } cidrs)
            condition["IpAddress"] = new JsonObject { ["aws:SourceIp"] = new JsonArray(cidrs.Select(c => JsonValue.Create(c)).ToArray<JsonNode?>()) };
        if (conditions.RequireMfa)
            condition["Bool"] = new JsonObject { ["aws:MultiFactorAuthPresent"] = "true" };
        if (conditions.NotAfter is { } notAfter)
            condition["DateLessThan"] = new JsonObject
            {
                ["aws:CurrentTime"] = notAfter.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            };
        return condition;
    }

    private static IEnumerable<string> Warnings(string field, CrossAccountGrant grant, BucketSpec bucket, string accountId)
    {
        if (grant.Conditions?.RequireMfa == true && grant.Principal.Contains(":role/", StringComparison.Ordinal))
            yield return $"{field}: requireMfa with a role principal: a workload assuming {grant.Principal} usually cannot present MFA, "
                + "so its requests will be denied unless the role session itself was created with MFA";
        if (grant.Principal.Split(':') is [_, _, _, _, var account, _] && account == accountId)
            yield return $"{field}: {grant.Principal} is in this bucket's own account; an identity policy alone would do";
        if (bucket.Encryption == "SSE-KMS")
            yield return $"{field}: the bucket uses SSE-KMS; the key policy must also allow {grant.Principal} kms:Decrypt"
                + (grant.Permissions == "read-write" ? " and kms:GenerateDataKey" : "") + " (the provisioner never changes key policies)";
        if (grant.Permissions == "read-write" && bucket.ObjectOwnership == "ObjectWriter")
            yield return $"{field}: with objectOwnership ObjectWriter, objects {grant.Principal} writes stay owned by its account "
                + "and this account cannot read them; BucketOwnerEnforced avoids that";
    }

    private static string Hex8(string value) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)))[..8];
}
