using System.Text.Json;
using System.Text.RegularExpressions;
using Provisioner.Contracts;
using Provisioner.Worker.Planning;

namespace Provisioner.Worker.Validation;

/// <summary>Every problem of a request at once, with its field path, before any cloud call.</summary>
public static partial class RequestValidator
{
    public const int MaxUrlLength = 2048;
    public const int MaxArnLength = 2048;
    public const int MaxVersionLength = 64;
    public const int MaxTicketSystemLength = 64;
    public const int MaxTicketKeyLength = 128;

    public static IReadOnlyList<RequestProblem> Validate(EnvironmentRequest request, DateTimeOffset now)
    {
        var problems = new List<RequestProblem>();
        void Add(string field, IEnumerable<string> messages) => problems.AddRange(messages.Select(m => new RequestProblem(field, m)));
        void Check(bool ok, string field, string message) { if (!ok) problems.Add(new RequestProblem(field, message)); }

        Add("environment", NameRules.DnsLabel(request.Environment, ResourceNames.MaxEnvironmentLength));
        Check(RegionShape().IsMatch(request.Aws.Region), "aws.region", $"'{TextRules.Printable(request.Aws.Region)}' is not an AWS region such as us-east-2");
        Check(request.Aws.AccountId is null || AccountShape().IsMatch(request.Aws.AccountId), "aws.accountId", "must be 12 digits");

        var bucket = request.Bucket;
        Add("bucket.name", NameRules.BucketName(ResourceNames.Bucket(request)));
        Check(bucket.Encryption is "SSE-S3" or "SSE-KMS", "bucket.encryption", "must be SSE-S3 or SSE-KMS");
        Check(bucket.KmsKeyId is null || bucket.Encryption == "SSE-KMS", "bucket.kmsKeyId", "is only allowed with SSE-KMS");
        Check(bucket.KmsKeyId is null || KmsKeyShape().IsMatch(bucket.KmsKeyId), "bucket.kmsKeyId", "must be a KMS key id, key ARN or alias");
        Add("bucket.kmsKeyId", TextRules.Check(bucket.KmsKeyId ?? "", MaxArnLength));
        Check(bucket.ObjectOwnership is "ObjectWriter" or "BucketOwnerEnforced" or "BucketOwnerPreferred", "bucket.objectOwnership",
            "must be ObjectWriter, BucketOwnerPreferred or BucketOwnerEnforced");
        foreach (var (key, message) in TagRules.Check(bucket.Tags))
            problems.Add(new RequestProblem(key.Length == 0 ? "bucket.tags" : $"bucket.tags.{TextRules.Printable(key, 2 * TagRules.MaxKeyLength)}", message));

        var access = request.Access;
        var accessKeyMode = access.Mode == Planner.AccessKeyMode;
        Check(access.Mode == "irsa" || accessKeyMode, "access.mode", "must be irsa or access-key");
        Check(access.Permissions is "read-write" or "read-only", "access.permissions", "must be read-write or read-only");
        Add("access.rolePath", NameRules.IamPath(access.RolePath));
        Add("access.permissionsBoundary", TextRules.Check(access.PermissionsBoundary ?? "", MaxArnLength));
        Check(access.PermissionsBoundary is null || BoundaryShape().IsMatch(access.PermissionsBoundary), "access.permissionsBoundary",
            "must be an IAM managed policy ARN (arn:aws:iam::<account>:policy/<name>)");
        Add("access.roleName", NameRules.IamName(ResourceNames.Role(request), 64));
        Add("access.policyName", NameRules.IamName(ResourceNames.Policy(request), 128));
        Check(accessKeyMode || access.UserName is null, "access.userName", "is only used in access-key mode");
        Check(accessKeyMode || access.SecretName is null, "access.secretName", "is only used in access-key mode");
        if (accessKeyMode)
        {
            Add("access.userName", NameRules.IamName(ResourceNames.User(request), 64));
            Add("access.secretName", NameRules.DnsSubdomain(ResourceNames.Secret(request)));
            // The key goes into a Secret the worker writes; with manage: false there is nowhere safe to hand it over.
            Check(request.Kubernetes.Manage, "kubernetes.manage",
                "access-key mode needs kubernetes.manage: true: the key is delivered only into a Kubernetes Secret");
        }

        var k8s = request.Kubernetes;
        Add("kubernetes.namespace", NameRules.DnsLabel(k8s.Namespace));
        Add("kubernetes.serviceAccount", NameRules.DnsSubdomain(k8s.ServiceAccount));
        if (k8s.OidcIssuer is { } issuer)
        {
            Add("kubernetes.oidcIssuer", TextRules.Check(issuer, MaxUrlLength));
            Check(Uri.TryCreate(issuer, UriKind.Absolute, out var uri) && uri.Scheme == "https" && uri.Query.Length == 0
                && uri.Fragment.Length == 0 && uri.UserInfo.Length == 0, "kubernetes.oidcIssuer", "must be an https URL without query or fragment");
        }
        Check(k8s.Manage || accessKeyMode || k8s.OidcIssuer is not null, "kubernetes.oidcIssuer", "is required when kubernetes.manage is false (the cluster is never called)");
        Check(k8s.Manage || request.Milvus is null, "milvus", "a Helm release needs kubernetes.manage: true");

        if (request.Milvus is { } milvus)
        {
            Add("milvus.release", NameRules.DnsLabel(milvus.Release, 53));
            Check(milvus.Mode is "cluster" or "standalone", "milvus.mode", "must be cluster or standalone");
            Check(milvus.Values is null or { ValueKind: JsonValueKind.Object or JsonValueKind.Null }, "milvus.values", "must be an object");
            Check(milvus.Version is null || VersionShape().IsMatch(milvus.Version), "milvus.version", "must be a chart version such as 5.0.19");
            Add("milvus.version", TextRules.Check(milvus.Version ?? "", MaxVersionLength));
            Add("milvus.chart", TextRules.Check(milvus.Chart ?? "", MaxUrlLength));
        }

        if (request.Ticket is { } ticket)
        {
            Check(ticket.System.Length > 0, "ticket.system", "is required");
            Add("ticket.system", TextRules.Check(ticket.System, MaxTicketSystemLength));
            Check(ticket.Key.Length > 0, "ticket.key", "is required");
            Add("ticket.key", TextRules.Check(ticket.Key, MaxTicketKeyLength));
            if (ticket.CallbackUrl is { } callback)
            {
                Add("ticket.callbackUrl", TextRules.Check(callback, MaxUrlLength));
                Check(IsCallbackUrl(callback), "ticket.callbackUrl",
                    "must be an https URL (http only on loopback) without user name, password or fragment");
            }
        }

        Check(request.Drift is null or "off" or "report", "drift",
            "must be off or report (or absent for the operator's Drift:Mode); a request can lower the drift mode, not raise it");

        problems.AddRange(CrossAccountRules.Check(request, now));
        return problems;
    }

    private static bool IsCallbackUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == "https" || (uri.Scheme == "http" && uri.IsLoopback))
        && uri.UserInfo.Length == 0 && uri.Fragment.Length == 0;

    [GeneratedRegex(@"^[a-z]{2}(-[a-z]+)+-\d{1,2}$")] private static partial Regex RegionShape();
    [GeneratedRegex(@"^\d{12}$")] private static partial Regex AccountShape();
    [GeneratedRegex(@"^arn:aws(-cn|-us-gov)?:iam::(\d{12}|aws):policy/[\u0021-\u007E]+$")] private static partial Regex BoundaryShape();
    [GeneratedRegex(@"^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32}|alias/[A-Za-z0-9/_-]+|arn:aws(-cn|-us-gov)?:kms:[a-z0-9-]+:\d{12}:(key/[A-Za-z0-9-]+|alias/[A-Za-z0-9/_-]+))$")]
    private static partial Regex KmsKeyShape();
    [GeneratedRegex(@"^v?\d+(\.\d+){0,2}([-+][0-9A-Za-z.-]+)?$")] private static partial Regex VersionShape();
}
