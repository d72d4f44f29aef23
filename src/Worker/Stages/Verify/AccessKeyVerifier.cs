using Amazon.Runtime;
using Microsoft.Extensions.Options;
using Provisioner.Worker.Aws.Iam;
using Provisioner.Worker.Common;
using Provisioner.Worker.Planning;
using Provisioner.Worker.Stages.AccessKey;

namespace Provisioner.Worker.Stages.Verify;

/// <summary>
/// Access-key mode: the user holds exactly the access policy, the policy's default version is the planned one, the
/// Secret holds the user's one active key; then the key read back from the Secret probes the bucket.
/// </summary>
public sealed class AccessKeyVerifier(IamClient iam, S3AccessProbe probe, IResource<AccessKeyPlan> keys, AccessKeySecrets secrets,
    IOptions<VerifyOptions> options)
{
    public async Task<VerificationReport> VerifyAsync(EnvironmentPlan plan, CancellationToken ct)
    {
        var user = plan.User!;
        var differences = new List<string>();
        if (await iam.Users.GetUserAsync(user.Name, ct) is null) differences.Add($"user {user.Name} does not exist");
        else
        {
            var attached = await iam.Users.ListAttachedUserPoliciesAsync(user.Name, ct);
            if (!attached.Contains(plan.AccessPolicy.Arn)) differences.Add($"policy {plan.AccessPolicy.Arn} is not attached to user {user.Name}");
            differences.AddRange(attached.Where(a => a != plan.AccessPolicy.Arn).Select(a => $"user {user.Name} also holds {a}"));
        }
        var policy = await iam.Policies.GetPolicyAsync(plan.AccessPolicy.Arn, ct);
        if (policy is null) differences.Add($"policy {plan.AccessPolicy.Arn} does not exist");
        else differences.AddRange(PolicyChecks.PolicyDifferences(plan.AccessPolicy.Document,
            await iam.Policies.GetPolicyVersionDocumentAsync(plan.AccessPolicy.Arn, policy.DefaultVersionId, ct)));
        var observed = await keys.ObserveAsync(plan.AccessKey!, plan.Environment, ct);
        if (!observed.Exists) differences.Add($"secret {plan.AccessKey!.Namespace}/{plan.AccessKey.SecretName} does not exist");
        else differences.AddRange(observed.Drift.Select(d => $"access key secret: {d} differs from the plan"));
        if (differences.Count > 0) throw new VerificationFailedException(differences);

        return new VerificationReport(["user policy attachment", "policy default version", "access key secret"], await ProbeAsync(plan, ct));
    }

    private async Task<string> ProbeAsync(EnvironmentPlan plan, CancellationToken ct)
    {
        var o = options.Value;
        if (o.ActiveProbe.Equals("Off", StringComparison.OrdinalIgnoreCase)) return "skipped: Verify:ActiveProbe is Off";
        var retry = new BoundedRetry(o.ProbeAttempts, o.ProbeInitialBackoff, o.ProbeMaxBackoff);
        // A new key can take seconds to be accepted by S3: retried like the IRSA probe.
        await retry.ExecuteAsync(async token =>
        {
            var secret = await secrets.ReadAsync(plan.AccessKey!, token)
                ?? throw new VerificationFailedException([$"secret {plan.AccessKey!.SecretName} disappeared"]);
            var credentials = new BasicAWSCredentials(AccessKeySecrets.Value(secret, AccessKeyPlan.AccessKeyIdKey),
                AccessKeySecrets.Value(secret, AccessKeyPlan.SecretAccessKeyKey));
            var problems = await probe.RunAsync(credentials, plan.Region, plan.Bucket.Name, plan.AccessPolicy.Permissions == "read-only", token);
            if (problems.Count > 0) throw new VerificationFailedException(problems);
        }, _ => true, ct);
        return "passed";
    }
}
