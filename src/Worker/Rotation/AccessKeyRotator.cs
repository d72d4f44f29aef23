using Provisioner.Contracts;
using Provisioner.Worker.Aws;
using Provisioner.Worker.Aws.Iam;
using Provisioner.Worker.Stages;
using Provisioner.Worker.Stages.AccessKey;
using Provisioner.Worker.Stages.ServiceAccount;

namespace Provisioner.Worker.Rotation;

/// <summary>
/// Rotation in two halves around the grace period: a new key into the Secret, then the old key deactivated and deleted.
/// A key no Secret holds (a crashed rotation) is deleted first, so the new key always fits under IAM's two-key limit.
/// </summary>
public sealed class AccessKeyRotator(IamClient iam, AccessKeySecrets secrets, ILogger<AccessKeyRotator> logger)
{
    /// <summary>
    /// The new key into the Secret, marked with the rotation's id: a second delivery of the same rotation finds the mark
    /// and reports what the first one did, instead of replacing the key again (and deleting the old one early).
    /// </summary>
    /// <returns>The key the Secret held before (null if none was valid) and the new key's id.</returns>
    public async Task<(string? OldKeyId, string NewKeyId)> ReplaceAsync(AccessKeyPlan plan, string environment, Guid rotationId,
        CancellationToken ct)
    {
        var secret = await secrets.ReadAsync(plan, ct)
            ?? throw new ResourceConflictException(StageNames.AccessKey, $"{plan.Namespace}/{plan.SecretName}", "does not exist: provision the environment first");
        if (!KubernetesLabels.IsOwnedBy(secret.Metadata?.Labels, environment))
            throw new ResourceConflictException(StageNames.AccessKey, $"{plan.Namespace}/{plan.SecretName}", $"is not labelled as environment '{environment}'");
        var stored = AccessKeySecrets.Value(secret, AccessKeyPlan.AccessKeyIdKey);
        var keys = await iam.Users.ListAccessKeysAsync(plan.UserName, ct);
        if (AccessKeySecrets.RotationOf(secret) == rotationId && stored is not null && keys.Any(k => k.AccessKeyId == stored))
        {
            logger.LogInformation("Rotation {RotationId} of {Environment} already put access key {AccessKeyId} into its Secret", rotationId,
                environment, stored);
            return (keys.FirstOrDefault(k => k.AccessKeyId != stored)?.AccessKeyId, stored);
        }
        foreach (var stray in keys.Where(k => k.AccessKeyId != stored))
        {
            await iam.Users.DeleteAccessKeyAsync(plan.UserName, stray.AccessKeyId, ct);
            logger.LogInformation("Deleted access key {AccessKeyId} of {User}: no Secret holds it", stray.AccessKeyId, plan.UserName);
        }
        var old = keys.Any(k => k.AccessKeyId == stored) ? stored : null;
        var key = await iam.Users.CreateAccessKeyAsync(plan.UserName, ct);
        try
        {
            await secrets.WriteAsync(plan, key, exists: true, ct, rotationId);
        }
        catch
        {
            await iam.Users.DeleteAccessKeyAsync(plan.UserName, key.AccessKeyId, CancellationToken.None);
            throw;
        }
        logger.LogInformation("Rotation of {Environment}: secret {Namespace}/{Secret} now holds access key {AccessKeyId}", environment,
            plan.Namespace, plan.SecretName, key.AccessKeyId);
        return (old, key.AccessKeyId);
    }

    /// <summary>A key already gone counts as deactivated: this step may be a redelivery.</summary>
    public async Task DeactivateAsync(AccessKeyPlan plan, string oldKeyId, CancellationToken ct)
    {
        try
        {
            await iam.Users.UpdateAccessKeyAsync(plan.UserName, oldKeyId, "Inactive", ct);
        }
        catch (AwsException ex) when (ex.Code == "NoSuchEntity") { }
        logger.LogInformation("Deactivated access key {AccessKeyId} of {User}", oldKeyId, plan.UserName);
    }

    public async Task DeleteAsync(AccessKeyPlan plan, string oldKeyId, CancellationToken ct)
    {
        try
        {
            await iam.Users.DeleteAccessKeyAsync(plan.UserName, oldKeyId, ct);
        }
        catch (AwsException ex) when (ex.Code == "NoSuchEntity") { }
        logger.LogInformation("Deleted access key {AccessKeyId} of {User}", oldKeyId, plan.UserName);
    }
}
