using System.Text.Json;
using Provisioner.Contracts;
using static Provisioner.Worker.Tests.Validation.RequestChanges;

namespace Provisioner.Worker.Tests.Validation;

/// <summary>Changes that stay valid: the edges of each rule, so a tightened rule shows up as a failure here.</summary>
internal static class AcceptedRequests
{
    public static readonly IReadOnlyDictionary<string, Func<EnvironmentRequest, EnvironmentRequest>> Rows =
        new Dictionary<string, Func<EnvironmentRequest, EnvironmentRequest>>
        {
            ["environment of 40 characters"] = WithEnvironment(new string('e', 40)),
            ["environment of 1 character"] = WithEnvironment("a"),
            ["region cn-north-1"] = WithAws(a => a with { Region = "cn-north-1" }),
            ["region us-gov-west-1"] = WithAws(a => a with { Region = "us-gov-west-1" }),
            ["region ap-southeast-2"] = WithAws(a => a with { Region = "ap-southeast-2" }),
            ["no account id"] = WithAws(a => a with { AccountId = null }),

            ["bucket name of 3 characters"] = WithBucketName("abc"),
            ["bucket name of 63 characters"] = WithBucketName(new string('b', 63)),
            ["bucket name with dots and digits"] = WithBucketName("milvus.data-2"),
            ["bucket name of three numbers"] = WithBucketName("192.168.5"),
            ["SSE-KMS without key"] = WithBucket(b => b with { Encryption = "SSE-KMS" }),
            ["SSE-KMS with key id"] = WithBucket(b => b with { Encryption = "SSE-KMS", KmsKeyId = "1234abcd-12ab-34cd-56ef-1234567890ab" }),
            ["SSE-KMS with multi-region key id"] = WithBucket(b => b with { Encryption = "SSE-KMS", KmsKeyId = "mrk-1234abcd12ab34cd56ef1234567890ab" }),
            ["SSE-KMS with alias"] = WithBucket(b => b with { Encryption = "SSE-KMS", KmsKeyId = "alias/milvus/data" }),
            ["SSE-KMS with key ARN"] = WithBucket(b => b with
            {
                Encryption = "SSE-KMS",
                KmsKeyId = "arn:aws:kms:us-east-2:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
            }),
            ["SSE-KMS with China alias ARN"] = WithBucket(b => b with
            {
                Encryption = "SSE-KMS",
                KmsKeyId = "arn:aws-cn:kms:cn-north-1:123456789012:alias/milvus",
            }),
            ["BucketOwnerEnforced"] = WithBucket(b => b with { ObjectOwnership = "BucketOwnerEnforced" }),
            ["BucketOwnerPreferred"] = WithBucket(b => b with { ObjectOwnership = "BucketOwnerPreferred" }),
            ["versioning on"] = WithBucket(b => b with { Versioning = true }),

            ["no tags"] = WithTags(null),
            ["47 tags"] = WithTags(ManyTags(47)),
            ["tag key of 128 and value of 256 characters"] = WithTag(new string('k', 128), new string('v', 256)),
            ["tag with every allowed character"] = WithTag("Cost Center_1.a:b/c=d+e-f@g", "Équipe 42 ünïcode"),
            ["tag value empty"] = WithTag("team", ""),
            ["tag key only containing aws"] = WithTag("team-aws", "search"),

            ["read-only"] = WithAccess(a => a with { Permissions = "read-only" }),
            ["role path nested"] = WithAccess(a => a with { RolePath = "/milvus/tenants/" }),
            ["boundary customer managed"] = WithAccess(a => a with { PermissionsBoundary = "arn:aws:iam::123456789012:policy/milvus-boundary" }),
            ["boundary AWS managed"] = WithAccess(a => a with { PermissionsBoundary = "arn:aws:iam::aws:policy/PowerUserAccess" }),
            ["boundary in China"] = WithAccess(a => a with { PermissionsBoundary = "arn:aws-cn:iam::123456789012:policy/boundary" }),
            ["role name of 64 characters"] = WithAccess(a => a with { RoleName = new string('r', 64) }),
            ["role name with every allowed character"] = WithAccess(a => a with { RoleName = "Milvus+Role=a,b.c@d_e-f" }),
            ["policy name of 128 characters"] = WithAccess(a => a with { PolicyName = new string('p', 128) }),

            ["service account with dots"] = WithKubernetes(k => k with { ServiceAccount = "milvus.s3-access" }),
            ["issuer with trailing slash"] = WithKubernetes(k => k with { OidcIssuer = "https://oidc.eks.us-east-2.amazonaws.com/id/EXAMPLE/" }),
            ["managed without issuer"] = WithKubernetes(k => k with { OidcIssuer = null }),
            ["unmanaged with issuer and no milvus"] = r => r with { Milvus = null, Kubernetes = r.Kubernetes with { Manage = false } },
            ["create OIDC provider"] = WithKubernetes(k => k with { CreateOidcProvider = true }),

            ["no milvus"] = r => r with { Milvus = null },
            ["release of 53 characters"] = WithMilvus(m => m with { Release = new string('m', 53) }),
            ["milvus standalone"] = WithMilvus(m => m with { Mode = "standalone" }),
            ["milvus version with v"] = WithMilvus(m => m with { Version = "v5.0.19" }),
            ["milvus version pre-release"] = WithMilvus(m => m with { Version = "5.0.19-rc.1" }),
            ["milvus without version"] = WithMilvus(m => m with { Version = null }),
            ["milvus values object"] = WithMilvus(m => m with { Values = JsonSerializer.Deserialize<JsonElement>("""{"queryNode":{"replicas":2}}""") }),
            ["milvus values null"] = WithMilvus(m => m with { Values = JsonSerializer.Deserialize<JsonElement>("null") }),
            ["milvus OCI chart"] = WithMilvus(m => m with { Chart = "oci://registry.example.com/charts/milvus" }),

            ["no ticket"] = r => r with { Ticket = null },
            ["ticket without callback"] = WithTicket(t => t with { CallbackUrl = null }),
            ["callback over http to 127.0.0.1"] = WithTicket(t => t with { CallbackUrl = "http://127.0.0.1:8080/provisioned" }),
            ["callback over http to localhost"] = WithTicket(t => t with { CallbackUrl = "http://localhost:8080/provisioned" }),
            ["callback over http to ::1"] = WithTicket(t => t with { CallbackUrl = "http://[::1]:8080/provisioned" }),

            ["cross-account empty"] = r => r with { CrossAccount = [] },
        };

    public static TheoryData<string> Names => new(Rows.Keys);
}
