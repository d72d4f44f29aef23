using Amazon.S3;
using Amazon.S3.Model;

namespace Provisioner.Worker.Stages.Bucket;

/// <summary>Reads a bucket's settings as S3 reports them (see <see cref="BucketState"/>); a setting never made reads as null.</summary>
public static class BucketStateReader
{
    public static async Task<BucketState> ReadAsync(IAmazonS3 s3, BucketPlan plan, Dictionary<string, string> tags, CancellationToken ct)
    {
        var versioning = (await s3.GetBucketVersioningAsync(new GetBucketVersioningRequest { BucketName = plan.Name }, ct)).VersioningConfig?.Status?.Value;
        var state = new BucketState(string.IsNullOrEmpty(versioning) || versioning == "Off" ? null : versioning,
            await EncryptionAsync(s3, plan.Name, ct), await PublicAccessBlockAsync(s3, plan.Name, ct), await OwnershipAsync(s3, plan.Name, ct), tags, []);
        return state with { Drift = BucketSettings.DriftOf(plan, state) };
    }

    private static async Task<BucketEncryptionState?> EncryptionAsync(IAmazonS3 s3, string bucket, CancellationToken ct)
    {
        try
        {
            var rule = (await s3.GetBucketEncryptionAsync(new GetBucketEncryptionRequest { BucketName = bucket }, ct))
                .ServerSideEncryptionConfiguration?.ServerSideEncryptionRules?.FirstOrDefault();
            return rule?.ServerSideEncryptionByDefault is { } byDefault
                ? new BucketEncryptionState(byDefault.ServerSideEncryptionAlgorithm.Value, byDefault.ServerSideEncryptionKeyManagementServiceKeyId,
                    rule.BucketKeyEnabled ?? false)
                : null;
        }
        catch (AmazonS3Exception ex) when (ex.ErrorCode == "ServerSideEncryptionConfigurationNotFoundError") { return null; }
    }

    private static async Task<bool[]?> PublicAccessBlockAsync(IAmazonS3 s3, string bucket, CancellationToken ct)
    {
        try
        {
            var c = (await s3.GetPublicAccessBlockAsync(new GetPublicAccessBlockRequest { BucketName = bucket }, ct)).PublicAccessBlockConfiguration;
            return c is null ? null : [c.BlockPublicAcls ?? false, c.BlockPublicPolicy ?? false, c.IgnorePublicAcls ?? false, c.RestrictPublicBuckets ?? false];
        }
        catch (AmazonS3Exception ex) when (ex.ErrorCode == "NoSuchPublicAccessBlockConfiguration") { return null; }
    }

    private static async Task<string?> OwnershipAsync(IAmazonS3 s3, string bucket, CancellationToken ct)
    {
        try
        {
            var r = await s3.GetBucketOwnershipControlsAsync(new GetBucketOwnershipControlsRequest { BucketName = bucket }, ct);
            return r.OwnershipControls?.Rules?.FirstOrDefault()?.ObjectOwnership?.Value;
        }
        catch (AmazonS3Exception ex) when (ex.ErrorCode == "OwnershipControlsNotFoundError") { return null; }
    }
}
