using System.Text.Json;
using Provisioner.Contracts;
using static Provisioner.Worker.Tests.Validation.RequestChanges;

namespace Provisioner.Worker.Tests.Validation;

/// <summary>
/// One broken field per row: the field path the caller will see, a distinctive part of the message, and any other
/// field the same change legitimately breaks (an uppercase environment also makes the derived bucket name invalid).
/// </summary>
internal static class BadRequests
{
    public sealed record Row(string Field, string Message, Func<EnvironmentRequest, EnvironmentRequest> Change, params string[] AlsoFlagged);

    private const string BucketChars = "may contain only lowercase letters, digits, hyphens and dots";
    private const string BucketEnds = "must begin and end with a letter or digit";
    private const string Reserved = "key is reserved for the provisioner's ownership tags";
    private const string IssuerShape = "must be an https URL without query or fragment";
    private const string Callback = "must be an https URL (http only on loopback)";
    private const string NoControl = "must not contain control characters, line breaks or bidirectional overrides";
    private static readonly string LongTagKey = new('k', 129);

    public static readonly IReadOnlyDictionary<string, Row> Rows = new Dictionary<string, Row>
    {
        ["environment empty"] = new("environment", "must be 1 to 40 characters long (is 0)", WithEnvironment("")),
        ["environment in uppercase"] = new("environment", "RFC 1123", WithEnvironment("Tenant-A"), "bucket.name"),
        ["environment of 41 characters"] = new("environment", "must be 1 to 40 characters long (is 41)", WithEnvironment(new string('e', 41))),
        ["environment with leading hyphen"] = new("environment", "starting and ending with a letter or digit", WithEnvironment("-tenant-a")),

        ["region without number"] = new("aws.region", "'us-east' is not an AWS region", WithAws(a => a with { Region = "us-east" })),
        ["region in uppercase"] = new("aws.region", "'US-EAST-2' is not an AWS region", WithAws(a => a with { Region = "US-EAST-2" })),
        ["account id of 11 digits"] = new("aws.accountId", "must be 12 digits", WithAws(a => a with { AccountId = "12345678901" })),

        ["bucket name of 2 characters"] = new("bucket.name", "must be 3 to 63 characters long (is 2)", WithBucketName("ab")),
        ["bucket name of 64 characters"] = new("bucket.name", "must be 3 to 63 characters long (is 64)", WithBucketName(new string('b', 64))),
        ["bucket name in uppercase"] = new("bucket.name", BucketChars, WithBucketName("Milvus-Data")),
        ["bucket name with underscore"] = new("bucket.name", BucketChars, WithBucketName("milvus_data")),
        ["bucket name with leading hyphen"] = new("bucket.name", BucketEnds, WithBucketName("-milvus-data")),
        ["bucket name with trailing hyphen"] = new("bucket.name", BucketEnds, WithBucketName("milvus-data-")),
        ["bucket name with two adjacent dots"] = new("bucket.name", "must not contain two adjacent dots", WithBucketName("milvus..data")),
        ["bucket name as IP address"] = new("bucket.name", "must not be formatted as an IP address", WithBucketName("192.168.5.4")),
        ["bucket name with prefix xn--"] = new("bucket.name", "reserved prefix 'xn--'", WithBucketName("xn--milvus-data")),
        ["bucket name with prefix sthree-"] = new("bucket.name", "reserved prefix 'sthree-'", WithBucketName("sthree-milvus-data")),
        ["bucket name with prefix amzn-s3-demo-"] = new("bucket.name", "reserved prefix 'amzn-s3-demo-'", WithBucketName("amzn-s3-demo-milvus")),
        ["bucket name with suffix -s3alias"] = new("bucket.name", "reserved suffix '-s3alias'", WithBucketName("milvus-data-s3alias")),
        ["bucket name with suffix --ol-s3"] = new("bucket.name", "reserved suffix '--ol-s3'", WithBucketName("milvus-data--ol-s3")),
        ["bucket name with suffix .mrap"] = new("bucket.name", "reserved suffix '.mrap'", WithBucketName("milvus-data.mrap")),
        ["bucket name with suffix --x-s3"] = new("bucket.name", "reserved suffix '--x-s3'", WithBucketName("milvus-data--x-s3")),
        ["bucket name with suffix --table-s3"] = new("bucket.name", "reserved suffix '--table-s3'", WithBucketName("milvus-data--table-s3")),

        ["encryption AES256"] = new("bucket.encryption", "must be SSE-S3 or SSE-KMS", WithBucket(b => b with { Encryption = "AES256" })),
        ["kms key with SSE-S3"] = new("bucket.kmsKeyId", "is only allowed with SSE-KMS", WithBucket(b => b with { KmsKeyId = "alias/milvus" })),
        ["kms key not a key id"] = new("bucket.kmsKeyId", "must be a KMS key id, key ARN or alias",
            WithBucket(b => b with { Encryption = "SSE-KMS", KmsKeyId = "milvus-key" })),
        ["object ownership unknown"] = new("bucket.objectOwnership", "must be ObjectWriter, BucketOwnerPreferred or BucketOwnerEnforced",
            WithBucket(b => b with { ObjectOwnership = "BucketOwnerFullControl" })),

        ["51 tags"] = new("bucket.tags", "at most 47 tags (50 less the 3 ownership tags); got 51", WithTags(ManyTags(51))),
        ["48 tags"] = new("bucket.tags", "at most 47 tags (50 less the 3 ownership tags); got 48", WithTags(ManyTags(48))),
        ["tag key empty"] = new("bucket.tags", "key must be 1 to 128 characters long", WithTag("", "search")),
        ["tag key of 129 characters"] = new($"bucket.tags.{LongTagKey}", "key must be 1 to 128 characters long", WithTag(LongTagKey, "search")),
        ["tag value of 257 characters"] = new("bucket.tags.team", "value must be at most 256 characters long", WithTag("team", new string('v', 257))),
        ["tag key with aws: prefix"] = new("bucket.tags.aws:team", "reserved prefix 'aws:'", WithTag("aws:team", "search")),
        ["tag key with AWS: prefix"] = new("bucket.tags.AWS:team", "reserved prefix 'aws:'", WithTag("AWS:team", "search")),
        ["tag key of our environment tag"] = new("bucket.tags.milvus-provisioner/environment", Reserved,
            WithTag("milvus-provisioner/environment", "tenant-b")),
        ["tag key of our run-id tag"] = new("bucket.tags.milvus-provisioner/run-id", Reserved, WithTag("milvus-provisioner/run-id", "x")),
        ["tag key of our prefix, upper case"] = new("bucket.tags.Milvus-Provisioner/Run-Id", Reserved, WithTag("Milvus-Provisioner/Run-Id", "x")),
        ["tag key Managed-By"] = new("bucket.tags.Managed-By", Reserved, WithTag("Managed-By", "terraform")),
        ["tag key under our prefix"] = new("bucket.tags.milvus-provisioner/owner", Reserved, WithTag("milvus-provisioner/owner", "me")),
        ["tag key managed-by"] = new("bucket.tags.managed-by", Reserved, WithTag("managed-by", "terraform")),
        ["tag key with #"] = new("bucket.tags.team#1", "key may contain only letters, digits, spaces and _ . : / = + - @", WithTag("team#1", "search")),
        ["tag key with comma"] = new("bucket.tags.cost,center", "key may contain only", WithTag("cost,center", "42")),
        ["tag value with *"] = new("bucket.tags.team", "value may contain only letters, digits, spaces and _ . : / = + - @", WithTag("team", "search*")),

        ["access-key unmanaged"] = new("kubernetes.manage", "the key is delivered only into a Kubernetes Secret",
            r => r with { Milvus = null, Access = r.Access with { Mode = "access-key" }, Kubernetes = r.Kubernetes with { Manage = false } }),
        ["access-key user name too long"] = new("access.userName", "must be 1 to 64 characters long",
            WithAccess(a => a with { Mode = "access-key", UserName = new string('u', 65) })),
        ["access-key secret name with capitals"] = new("access.secretName", "",
            WithAccess(a => a with { Mode = "access-key", SecretName = "Creds" })),
        ["user name in irsa mode"] = new("access.userName", "is only used in access-key mode", WithAccess(a => a with { UserName = "u" })),
        ["access mode other"] = new("access.mode", "must be irsa or access-key", WithAccess(a => a with { Mode = "pod-identity" })),
        ["permissions admin"] = new("access.permissions", "must be read-write or read-only", WithAccess(a => a with { Permissions = "admin" })),
        ["role path without slashes"] = new("access.rolePath", "must be '/' or start and end with '/'", WithAccess(a => a with { RolePath = "no-slash" })),
        ["role path without trailing slash"] = new("access.rolePath", "must be '/' or start and end with '/'", WithAccess(a => a with { RolePath = "/a" })),
        ["boundary with short account"] = new("access.permissionsBoundary", "must be an IAM managed policy ARN",
            WithAccess(a => a with { PermissionsBoundary = "arn:aws:iam::12345:policy/boundary" })),
        ["boundary that is a role"] = new("access.permissionsBoundary", "must be an IAM managed policy ARN",
            WithAccess(a => a with { PermissionsBoundary = "arn:aws:iam::123456789012:role/boundary" })),
        ["role name of 65 characters"] = new("access.roleName", "must be 1 to 64 characters long (is 65)",
            WithAccess(a => a with { RoleName = new string('r', 65) })),
        ["role name with space and !"] = new("access.roleName", "may contain only letters, digits and + = , . @ _ -",
            WithAccess(a => a with { RoleName = "milvus role!" })),
        ["policy name of 129 characters"] = new("access.policyName", "must be 1 to 128 characters long (is 129)",
            WithAccess(a => a with { PolicyName = new string('p', 129) })),
        ["policy name with slash"] = new("access.policyName", "may contain only letters, digits", WithAccess(a => a with { PolicyName = "milvus/policy" })),

        ["namespace in uppercase"] = new("kubernetes.namespace", "RFC 1123", WithKubernetes(k => k with { Namespace = "Milvus" })),
        ["namespace with dot"] = new("kubernetes.namespace", "RFC 1123", WithKubernetes(k => k with { Namespace = "milvus.prod" })),
        ["namespace of 64 characters"] = new("kubernetes.namespace", "must be 1 to 63 characters long (is 64)",
            WithKubernetes(k => k with { Namespace = new string('n', 64) })),
        ["service account with underscore"] = new("kubernetes.serviceAccount", "must be lowercase RFC 1123 labels separated by dots",
            WithKubernetes(k => k with { ServiceAccount = "milvus_sa" })),
        ["service account empty"] = new("kubernetes.serviceAccount", "must be 1 to 253 characters long (is 0)",
            WithKubernetes(k => k with { ServiceAccount = "" })),
        ["issuer over http"] = new("kubernetes.oidcIssuer", IssuerShape,
            WithKubernetes(k => k with { OidcIssuer = "http://oidc.eks.us-east-2.amazonaws.com/id/EXAMPLE" })),
        ["issuer with query"] = new("kubernetes.oidcIssuer", IssuerShape,
            WithKubernetes(k => k with { OidcIssuer = "https://oidc.eks.us-east-2.amazonaws.com/id/EXAMPLE?x=1" })),
        ["issuer with fragment"] = new("kubernetes.oidcIssuer", IssuerShape,
            WithKubernetes(k => k with { OidcIssuer = "https://oidc.eks.us-east-2.amazonaws.com/id/EXAMPLE#top" })),
        ["issuer without scheme"] = new("kubernetes.oidcIssuer", IssuerShape,
            WithKubernetes(k => k with { OidcIssuer = "oidc.eks.us-east-2.amazonaws.com/id/EXAMPLE" })),
        ["unmanaged without issuer"] = new("kubernetes.oidcIssuer", "is required when kubernetes.manage is false",
            r => r with { Milvus = null, Kubernetes = r.Kubernetes with { Manage = false, OidcIssuer = null } }),
        ["unmanaged with milvus"] = new("milvus", "a Helm release needs kubernetes.manage: true", WithKubernetes(k => k with { Manage = false })),

        ["release of 54 characters"] = new("milvus.release", "must be 1 to 53 characters long (is 54)",
            WithMilvus(m => m with { Release = new string('m', 54) })),
        ["release in uppercase"] = new("milvus.release", "RFC 1123", WithMilvus(m => m with { Release = "Milvus" })),
        ["milvus mode distributed"] = new("milvus.mode", "must be cluster or standalone", WithMilvus(m => m with { Mode = "distributed" })),
        ["milvus version abc"] = new("milvus.version", "must be a chart version such as 5.0.19", WithMilvus(m => m with { Version = "abc" })),
        ["milvus values an array"] = new("milvus.values", "must be an object",
            WithMilvus(m => m with { Values = JsonSerializer.Deserialize<JsonElement>("[1]") })),

        ["ticket without system"] = new("ticket.system", "is required", WithTicket(t => t with { System = "" })),
        ["ticket without key"] = new("ticket.key", "is required", WithTicket(t => t with { Key = "" })),
        ["callback over http"] = new("ticket.callbackUrl", Callback, WithTicket(t => t with { CallbackUrl = "http://hooks.example.com/provisioned" })),
        ["callback over http to a host named localhost.*"] = new("ticket.callbackUrl", Callback,
            WithTicket(t => t with { CallbackUrl = "http://localhost.example.com/provisioned" })),
        ["callback over ftp to loopback"] = new("ticket.callbackUrl", Callback, WithTicket(t => t with { CallbackUrl = "ftp://127.0.0.1/provisioned" })),
        ["callback not a URL"] = new("ticket.callbackUrl", Callback, WithTicket(t => t with { CallbackUrl = "hooks/provisioned" })),
        ["callback with user and password"] = new("ticket.callbackUrl", Callback,
            WithTicket(t => t with { CallbackUrl = "https://user:pass@hooks.example.com/provisioned" })),
        ["callback with fragment"] = new("ticket.callbackUrl", Callback, WithTicket(t => t with { CallbackUrl = "https://hooks.example.com/p#x" })),
        ["callback of 2049 characters"] = new("ticket.callbackUrl", "must be at most 2048 characters long (is 2049)",
            WithTicket(t => t with { CallbackUrl = "https://hooks.example.com/" + new string('p', 2049 - 26) })),
        ["callback with newline"] = new("ticket.callbackUrl", NoControl, WithTicket(t => t with { CallbackUrl = "https://hooks.example.com/a\nb" })),

        ["ticket system with newline"] = new("ticket.system", NoControl, WithTicket(t => t with { System = "jira\n[INF] forged line" })),
        ["ticket system of 65 characters"] = new("ticket.system", "must be at most 64 characters long (is 65)",
            WithTicket(t => t with { System = new string('s', 65) })),
        ["ticket key with carriage return"] = new("ticket.key", NoControl, WithTicket(t => t with { Key = "OPS-1\r" })),
        ["ticket key with NUL"] = new("ticket.key", NoControl, WithTicket(t => t with { Key = "OPS\0-1" })),
        ["ticket key with line separator"] = new("ticket.key", NoControl, WithTicket(t => t with { Key = "OPS-1\u2028x" })),
        ["ticket key with bidi override"] = new("ticket.key", NoControl, WithTicket(t => t with { Key = "OPS-\u202E1" })),
        ["ticket key of 129 characters"] = new("ticket.key", "must be at most 128 characters long (is 129)",
            WithTicket(t => t with { Key = new string('k', 129) })),
        ["tag value with line separator"] = new("bucket.tags.team", "value may contain only", WithTag("team", "a\u2028b")),
        ["tag key with newline, echoed escaped"] = new("bucket.tags.te\\u000aam", "key may contain only", WithTag("te\nam", "search")),
        ["region with newline, echoed escaped"] = new("aws.region", "'us-east-2\\u000a[INF] x' is not an AWS region",
            WithAws(a => a with { Region = "us-east-2\n[INF] x" })),
        ["milvus chart with newline"] = new("milvus.chart", NoControl, WithMilvus(m => m with { Chart = "oci://registry.example.com/milvus\n" })),
        ["milvus version of 65 characters"] = new("milvus.version", "must be at most 64 characters long (is 65)",
            WithMilvus(m => m with { Version = "1.0.0-" + new string('a', 59) })),
        ["issuer with newline"] = new("kubernetes.oidcIssuer", NoControl,
            WithKubernetes(k => k with { OidcIssuer = "https://oidc.example.com/id/X\n" })),
        ["boundary of 2049 characters"] = new("access.permissionsBoundary", "must be at most 2048 characters long",
            WithAccess(a => a with { PermissionsBoundary = "arn:aws:iam::123456789012:policy/" + new string('b', 2049 - 33) })),
    };

    public static TheoryData<string> Names => new(Rows.Keys);
}
