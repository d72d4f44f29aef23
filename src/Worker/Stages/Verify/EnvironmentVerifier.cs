using Amazon.SecurityToken.Model;
using Microsoft.Extensions.Options;
using Provisioner.Worker.Aws;
using Provisioner.Worker.Aws.Iam;
using Provisioner.Worker.Common;
using Provisioner.Worker.Kubernetes;
using Provisioner.Worker.Planning;
using Provisioner.Worker.Stages.BucketPolicy;
using Provisioner.Worker.Stages.MilvusRelease;
using Provisioner.Worker.Stages.ServiceAccount;

namespace Provisioner.Worker.Stages.Verify;

/// <summary>
/// The Milvus guide's verification list, done by the program: trust, attachment, the policy's default version, the
/// ServiceAccount's annotation, the release's status; then, where the cluster is ours to reach, an active probe.
/// </summary>
public sealed class EnvironmentVerifier(IamClient iam, AwsClients aws, S3AccessProbe probe, IOptions<VerifyOptions> options,
    IResource<ServiceAccountPlan>? serviceAccounts = null, IResource<MilvusReleasePlan>? releases = null,
    IServiceAccountTokenSource? tokens = null, AccessKeyVerifier? accessKeys = null,
    IResource<BucketPolicyPlan>? bucketPolicies = null) : IEnvironmentVerifier
{
    public async Task<VerificationReport> VerifyAsync(EnvironmentPlan plan, CancellationToken ct)
    {
        // Cross-account grants, in either access mode: our statements must be exactly the planned ones.
        if (plan.BucketPolicy is { } grants && bucketPolicies is not null
            && Describe("bucket policy", await bucketPolicies.ObserveAsync(grants, plan.Environment, ct)).ToList() is { Count: > 0 } policyDifferences)
            throw new VerificationFailedException(policyDifferences);
        if (plan.User is not null)
            return accessKeys is null
                ? throw new VerificationFailedException(["access-key mode needs a cluster to read the Secret from"])
                : await accessKeys.VerifyAsync(plan, ct);
        var differences = new List<string>();
        var checks = new List<string> { "trust policy", "policy attachment", "policy default version" };
        var role = await iam.Roles.GetRoleAsync(plan.Role.Name, ct);
        if (role is null) differences.Add($"role {plan.Role.Name} does not exist");
        else
        {
            differences.AddRange(PolicyChecks.TrustDifferences(plan.Role.TrustPolicy, role.AssumeRolePolicyDocument));
            if (!(await iam.Roles.ListAttachedRolePoliciesAsync(plan.Role.Name, ct)).Contains(plan.AccessPolicy.Arn))
                differences.Add($"policy {plan.AccessPolicy.Arn} is not attached to role {plan.Role.Name}");
        }
        var policy = await iam.Policies.GetPolicyAsync(plan.AccessPolicy.Arn, ct);
        if (policy is null) differences.Add($"policy {plan.AccessPolicy.Arn} does not exist");
        else differences.AddRange(PolicyChecks.PolicyDifferences(plan.AccessPolicy.Document,
            await iam.Policies.GetPolicyVersionDocumentAsync(plan.AccessPolicy.Arn, policy.DefaultVersionId, ct)));

        if (plan.ServiceAccount.Manage && serviceAccounts is not null)
        {
            checks.Add("service account annotation");
            differences.AddRange(Describe("service account", await serviceAccounts.ObserveAsync(plan.ServiceAccount, plan.Environment, ct)));
        }
        if (plan.Helm is { } helm && releases is not null)
        {
            checks.Add("release status");
            differences.AddRange(Describe("release", await releases.ObserveAsync(helm, plan.Environment, ct)));
        }
        if (differences.Count > 0) throw new VerificationFailedException(differences);

        var probeResult = await ProbeAsync(plan, ct);
        return new VerificationReport(checks, probeResult);
    }

    private async Task<string> ProbeAsync(EnvironmentPlan plan, CancellationToken ct)
    {
        if (options.Value.ActiveProbe.Equals("Off", StringComparison.OrdinalIgnoreCase)) return "skipped: Verify:ActiveProbe is Off";
        if (!plan.ServiceAccount.Manage) return "skipped: the worker does not manage the ServiceAccount";
        if (tokens is null) return "skipped: no cluster to request a ServiceAccount token from";
        var o = options.Value;
        var retry = new BoundedRetry(o.ProbeAttempts, o.ProbeInitialBackoff, o.ProbeMaxBackoff);
        IReadOnlyList<string> problems = [];
        try
        {
            await retry.ExecuteAsync(async token =>
            {
                var jwt = await tokens.RequestTokenAsync(plan.ServiceAccount.Namespace, plan.ServiceAccount.Name, PolicyDocuments.StsAudience, token);
                var assumed = await aws.Sts(plan.Region).AssumeRoleWithWebIdentityAsync(new AssumeRoleWithWebIdentityRequest
                {
                    RoleArn = plan.Role.Arn, RoleSessionName = "milvus-provisioner-verify", WebIdentityToken = jwt, DurationSeconds = 900,
                }, token);
                problems = await probe.RunAsync(assumed.Credentials, plan.Region, plan.Bucket.Name, plan.AccessPolicy.Permissions == "read-only", token);
                if (problems.Count > 0) throw new VerificationFailedException(problems);
            }, _ => true, ct);
        }
        catch (Amazon.Runtime.AmazonServiceException ex)
        {
            throw new VerificationFailedException([$"probe: assuming {plan.Role.Arn} with the ServiceAccount's token failed: {ex.ErrorCode}"]);
        }
        return "passed";
    }

    private static IEnumerable<string> Describe(string what, Observation observed) => !observed.Exists
        ? [$"{what} does not exist"]
        : observed.Drift.Select(d => $"{what}: {d} differs from the plan");
}
