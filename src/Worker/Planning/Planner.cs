using Provisioner.Contracts;
using Provisioner.Worker.Stages.AccessKey;
using Provisioner.Worker.Stages.AccessPolicy;
using Provisioner.Worker.Stages.Bucket;
using Provisioner.Worker.Stages.BucketPolicy;
using Provisioner.Worker.Stages.IamUser;
using Provisioner.Worker.Stages.MilvusRelease;
using Provisioner.Worker.Stages.Role;
using Provisioner.Worker.Stages.ServiceAccount;

namespace Provisioner.Worker.Planning;

/// <summary>Request + facts → plan. Pure and deterministic: no I/O, no clock, no randomness.</summary>
public static class Planner
{
    public const string DefaultChartRepository = "https://zilliztech.github.io/milvus-helm/";
    public const string DefaultChart = "milvus";
    public const string RoleArnAnnotation = "eks.amazonaws.com/role-arn";
    public const string AccessKeyMode = "access-key";

    public static EnvironmentPlan Plan(EnvironmentRequest request, Guid runId, PlanFacts facts)
    {
        var env = request.Environment;
        var region = request.Aws.Region;
        var partition = Partitions.ForRegion(region);
        var tags = OwnershipTags.For(env, runId);
        var k8s = request.Kubernetes;

        var bucketName = ResourceNames.Bucket(request);
        var bucketTags = Merge(request.Bucket.Tags, tags);
        var bucket = new BucketPlan(bucketName, region, $"arn:{partition}:s3:::{bucketName}", request.Bucket.ObjectOwnership,
            request.Bucket.Encryption, request.Bucket.KmsKeyId, request.Bucket.Versioning, bucketTags);

        var path = request.Access.RolePath;
        var policyName = ResourceNames.Policy(request);
        var policyArn = $"arn:{partition}:iam::{facts.AccountId}:policy{path}{policyName}";
        var readOnly = request.Access.Permissions == "read-only";
        var policyDocument = PolicyDocuments.BucketAccess(partition, bucketName, readOnly).ToJsonString();
        var policy = new AccessPolicyPlan(policyName, path, policyArn, request.Access.Permissions, policyDocument, bucketTags);

        var issuerHostPath = IssuerHostPath(facts.OidcIssuer);
        var providerArn = $"arn:{partition}:iam::{facts.AccountId}:oidc-provider/{issuerHostPath}";
        var roleName = ResourceNames.Role(request);
        var roleArn = $"arn:{partition}:iam::{facts.AccountId}:role{path}{roleName}";
        var trust = PolicyDocuments.IrsaTrust(providerArn, issuerHostPath, k8s.Namespace, k8s.ServiceAccount).ToJsonString();
        var role = new RolePlan(roleName, path, roleArn, facts.OidcIssuer, providerArn, k8s.CreateOidcProvider, trust,
            policyArn, request.Access.PermissionsBoundary, bucketTags);

        var labels = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["app.kubernetes.io/managed-by"] = OwnershipTags.ManagedByValue,
            [OwnershipTags.Environment] = env,
            [OwnershipTags.RunId] = runId.ToString(),
        };
        var serviceAccount = new ServiceAccountPlan(k8s.Namespace, k8s.ServiceAccount, k8s.Manage, k8s.AdoptServiceAccount, labels,
            new Dictionary<string, string> { [RoleArnAnnotation] = roleArn })
        { Release = request.Milvus?.Release };

        var (user, accessKey) = request.Access.Mode == AccessKeyMode
            ? (new IamUserPlan(ResourceNames.User(request), path, $"arn:{partition}:iam::{facts.AccountId}:user{path}{ResourceNames.User(request)}",
                policyArn, request.Access.PermissionsBoundary, bucketTags),
               new AccessKeyPlan(ResourceNames.User(request), k8s.Namespace, ResourceNames.Secret(request), region, labels) { Release = request.Milvus?.Release })
            : ((IamUserPlan?)null, (AccessKeyPlan?)null);

        return new EnvironmentPlan(env, runId, region, facts.AccountId, bucket, policy, role, serviceAccount,
            PlanHelm(request, bucketName, Partitions.S3Host(region), tags), user, accessKey)
        {
            BucketPolicy = BucketPolicyPlanner.Plan(request, bucket, partition, facts.AccountId),
        };
    }

    /// <summary>IAM names OIDC providers and trust-condition keys by the issuer without its scheme; hosts are case-blind.</summary>
    public static string IssuerHostPath(string issuer) =>
        Uri.TryCreate(issuer, UriKind.Absolute, out var uri) && uri.Host.Length > 0
            ? (uri.Host + uri.AbsolutePath).TrimEnd('/')
            : issuer.Replace("https://", "", StringComparison.OrdinalIgnoreCase).TrimEnd('/');

    private static MilvusReleasePlan? PlanHelm(EnvironmentRequest request, string bucket, string s3Host, IReadOnlyDictionary<string, string> tags)
    {
        if (request.Milvus is not { } milvus) return null;
        var chart = milvus.Chart ?? DefaultChartRepository;
        var isRepository = chart.StartsWith("https://", StringComparison.Ordinal) || chart.StartsWith("http://", StringComparison.Ordinal);
        return new MilvusReleasePlan(milvus.Release, request.Kubernetes.Namespace, isRepository ? DefaultChart : chart,
            isRepository ? chart : null, milvus.Version, HelmValues.Generate(request, bucket, s3Host).ToJsonString(), tags);
    }

    private static Dictionary<string, string> Merge(IReadOnlyDictionary<string, string>? user, Dictionary<string, string> ours)
    {
        var merged = new Dictionary<string, string>(user ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        foreach (var (key, value) in ours) merged[key] = value;
        return merged;
    }
}
