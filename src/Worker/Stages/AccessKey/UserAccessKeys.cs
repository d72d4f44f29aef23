using Provisioner.Worker.Aws;
using Provisioner.Worker.Aws.Iam;

namespace Provisioner.Worker.Stages.AccessKey;

/// <summary>The user's keys as the access-key stage sees them: a user already gone has none; deleting a gone key is done.</summary>
internal sealed class UserAccessKeys(IamClient iam, ILogger logger)
{
    public async Task<IReadOnlyList<IamAccessKeyMetadata>> ListAsync(AccessKeyPlan plan, CancellationToken ct)
    {
        try
        {
            return await iam.Users.ListAccessKeysAsync(plan.UserName, ct);
        }
        catch (AwsException ex) when (ex.Code == "NoSuchEntity")
        {
            return [];
        }
    }

    /// <summary>Every key but <paramref name="keep"/>: those are held by no Secret.</summary>
    public async Task DeleteAllAsync(AccessKeyPlan plan, string? keep, CancellationToken ct)
    {
        foreach (var key in await ListAsync(plan, ct))
        {
            if (key.AccessKeyId == keep) continue;
            try
            {
                await iam.Users.DeleteAccessKeyAsync(plan.UserName, key.AccessKeyId, ct);
                logger.LogInformation("Deleted access key {AccessKeyId} of user {User}: no Secret holds it", key.AccessKeyId, plan.UserName);
            }
            catch (AwsException ex) when (ex.Code == "NoSuchEntity") { }
        }
    }

    /// <summary>After a failed Secret write: best effort, since the next attempt deletes an unstored key anyway.</summary>
    public async Task DeleteQuietlyAsync(AccessKeyPlan plan, string accessKeyId)
    {
        try
        {
            await iam.Users.DeleteAccessKeyAsync(plan.UserName, accessKeyId, CancellationToken.None);
        }
        catch (AwsException ex)
        {
            logger.LogWarning("Could not delete unstored access key {AccessKeyId} of {User}: {Code}; a retry deletes it", accessKeyId,
                plan.UserName, ex.Code);
        }
    }
}
