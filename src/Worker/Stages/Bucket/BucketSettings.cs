using Amazon.S3;
using Amazon.S3.Model;

namespace Provisioner.Worker.Stages.Bucket;

/// <summary>The bucket's settings beyond its existence: each one observed and applied on its own.</summary>
public static class BucketSettings
{
    public const string Versioning = "versioning";
    public const string Encryption = "encryption";
    public const string PublicAccessBlock = "public-access-block";
    public const string Ownership = "ownership";
    public const string Tags = "tags";
    public static readonly IReadOnlyList<string> All = [PublicAccessBlock, Encryption, Versioning, Tags];

    public static async Task ApplyAsync(IAmazonS3 s3, BucketPlan plan, IReadOnlyList<string> settings, CancellationToken ct)
    {
        if (settings.Contains(PublicAccessBlock))
            await s3.PutPublicAccessBlockAsync(new PutPublicAccessBlockRequest
            {
                BucketName = plan.Name,
                PublicAccessBlockConfiguration = new PublicAccessBlockConfiguration
                {
                    BlockPublicAcls = true, BlockPublicPolicy = true, IgnorePublicAcls = true, RestrictPublicBuckets = true,
                },
            }, ct);
        if (settings.Contains(Encryption))
            await s3.PutBucketEncryptionAsync(new PutBucketEncryptionRequest
            {
                BucketName = plan.Name,
                ServerSideEncryptionConfiguration = new ServerSideEncryptionConfiguration
                {
                    ServerSideEncryptionRules = [new ServerSideEncryptionRule
                    {
                        ServerSideEncryptionByDefault = new ServerSideEncryptionByDefault
                        {
                            ServerSideEncryptionAlgorithm = plan.Encryption == "SSE-KMS" ? ServerSideEncryptionMethod.AWSKMS : ServerSideEncryptionMethod.AES256,
                            ServerSideEncryptionKeyManagementServiceKeyId = plan.Encryption == "SSE-KMS" ? plan.KmsKeyId : null,
                        },
                        BucketKeyEnabled = plan.Encryption == "SSE-KMS",
                    }],
                },
            }, ct);
        if (settings.Contains(Versioning))
            await s3.PutBucketVersioningAsync(new PutBucketVersioningRequest
            {
                BucketName = plan.Name,
                VersioningConfig = new S3BucketVersioningConfig { Status = plan.Versioning ? VersionStatus.Enabled : VersionStatus.Suspended },
            }, ct);
        if (settings.Contains(Ownership))
            await s3.PutBucketOwnershipControlsAsync(new PutBucketOwnershipControlsRequest
            {
                BucketName = plan.Name,
                OwnershipControls = new OwnershipControls { Rules = [new OwnershipControlsRule { ObjectOwnership = plan.ObjectOwnership }] },
            }, ct);
        if (settings.Contains(Tags))
            await s3.PutBucketTaggingAsync(new PutBucketTaggingRequest
            {
                BucketName = plan.Name,
                TagSet = plan.Tags.Select(t => new Tag { Key = t.Key, Value = t.Value }).ToList(),
            }, ct);
    }

    public static async Task<bool> EncryptionMatchesAsync(IAmazonS3 s3, BucketPlan plan, CancellationToken ct)
    {
        try
        {
            var response = await s3.GetBucketEncryptionAsync(new GetBucketEncryptionRequest { BucketName = plan.Name }, ct);
            var rule = response.ServerSideEncryptionConfiguration?.ServerSideEncryptionRules?.FirstOrDefault()?.ServerSideEncryptionByDefault;
            var expected = plan.Encryption == "SSE-KMS" ? ServerSideEncryptionMethod.AWSKMS : ServerSideEncryptionMethod.AES256;
            return rule?.ServerSideEncryptionAlgorithm == expected
                && (plan.Encryption != "SSE-KMS" || plan.KmsKeyId is null || rule.ServerSideEncryptionKeyManagementServiceKeyId == plan.KmsKeyId);
        }
        catch (AmazonS3Exception ex) when (ex.ErrorCode == "ServerSideEncryptionConfigurationNotFoundError") { return false; }
    }

    public static async Task<bool> PublicAccessBlockedAsync(IAmazonS3 s3, string bucket, CancellationToken ct)
    {
        try
        {
            var c = (await s3.GetPublicAccessBlockAsync(new GetPublicAccessBlockRequest { BucketName = bucket }, ct)).PublicAccessBlockConfiguration;
            return c is { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true };
        }
        catch (AmazonS3Exception ex) when (ex.ErrorCode == "NoSuchPublicAccessBlockConfiguration") { return false; }
    }

    public static async Task<bool> OwnershipMatchesAsync(IAmazonS3 s3, BucketPlan plan, CancellationToken ct)
    {
        try
        {
            var r = await s3.GetBucketOwnershipControlsAsync(new GetBucketOwnershipControlsRequest { BucketName = plan.Name }, ct);
            return r.OwnershipControls?.Rules?.FirstOrDefault()?.ObjectOwnership == plan.ObjectOwnership;
        }
        catch (AmazonS3Exception ex) when (ex.ErrorCode == "OwnershipControlsNotFoundError") { return false; }
    }
}
