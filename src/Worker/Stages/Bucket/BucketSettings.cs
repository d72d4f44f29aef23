using Amazon.S3;
using Amazon.S3.Model;
using Provisioner.Worker.Planning;

namespace Provisioner.Worker.Stages.Bucket;

/// <summary>The bucket's settings beyond its existence: read as they are, compared with the plan, applied, put back.</summary>
public static class BucketSettings
{
    public const string Versioning = "versioning";
    public const string Encryption = "encryption";
    public const string PublicAccessBlock = "public-access-block";
    public const string Ownership = "ownership";
    public const string Tags = "tags";
    public static readonly IReadOnlyList<string> All = [PublicAccessBlock, Encryption, Versioning, Tags];

    public static IReadOnlyList<string> DriftOf(BucketPlan plan, BucketState state)
    {
        var drift = new List<string>();
        var ours = OwnershipTags.Converged(plan.Tags, state.Tags);
        // A bucket we finished making is never unversioned (we suspend versioning; S3 can return to that). One that is, and is
        // not tagged yet, is a create cut short between CreateBucket and its settings: give it the versioning a new one gets.
        var neverVersioned = state.Versioning is null or "Off";
        if ((state.Versioning == "Enabled") != plan.Versioning || (neverVersioned && !ours)) drift.Add(Versioning);
        if (!EncryptionMatches(plan, state.Encryption)) drift.Add(Encryption);
        if (state.PublicAccessBlock is not [true, true, true, true]) drift.Add(PublicAccessBlock);
        if (state.Ownership != plan.ObjectOwnership) drift.Add(Ownership);
        if (!ours) drift.Add(Tags);
        return drift;
    }

    /// <summary>The exact differences of what <see cref="DriftOf"/> names.</summary>
    public static IReadOnlyList<string> Describe(BucketPlan plan, BucketState state)
    {
        var text = new List<string>();
        foreach (var setting in state.Drift)
        {
            switch (setting)
            {
                case Versioning: text.Add(DriftText.Setting(setting, state.Versioning ?? "never enabled", plan.Versioning ? "Enabled" : "Suspended")); break;
                case Encryption:
                    text.Add(DriftText.Setting(setting, state.Encryption is { } e ? $"{e.Algorithm}{(e.KmsKeyId is null ? "" : $" {e.KmsKeyId}")}" : null,
                        $"{plan.Encryption}{(plan.KmsKeyId is null ? "" : $" {plan.KmsKeyId}")}"));
                    break;
                case PublicAccessBlock:
                    string[] flags = ["BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets"];
                    var off = state.PublicAccessBlock is { Length: 4 } on ? flags.Where((_, i) => !on[i]).ToList() : [.. flags];
                    text.Add($"{setting}: {string.Join(", ", off)} off, applied all four on");
                    break;
                case Ownership: text.Add(DriftText.Setting(setting, state.Ownership, plan.ObjectOwnership)); break;
                case Tags: text.AddRange(DriftText.Tags(setting, plan.Tags, state.Tags.ToDictionary(t => t.Key, t => (string?)t.Value))); break;
                default: text.Add(setting); break;
            }
        }
        return text;
    }

    public static async Task ApplyAsync(IAmazonS3 s3, BucketPlan plan, IReadOnlyList<string> settings, CancellationToken ct)
    {
        if (settings.Contains(PublicAccessBlock)) await PutPublicAccessBlockAsync(s3, plan.Name, [true, true, true, true], ct);
        if (settings.Contains(Encryption))
            await PutEncryptionAsync(s3, plan.Name, plan.Encryption == "SSE-KMS"
                ? new BucketEncryptionState(ServerSideEncryptionMethod.AWSKMS.Value, plan.KmsKeyId, true)
                : new BucketEncryptionState(ServerSideEncryptionMethod.AES256.Value, null, false), ct);
        if (settings.Contains(Versioning)) await PutVersioningAsync(s3, plan.Name, plan.Versioning ? VersionStatus.Enabled : VersionStatus.Suspended, ct);
        if (settings.Contains(Ownership)) await PutOwnershipAsync(s3, plan.Name, plan.ObjectOwnership, ct);
        if (settings.Contains(Tags)) await PutTagsAsync(s3, plan.Name, plan.Tags, ct);
    }

    /// <summary>Puts back what <paramref name="before"/> says the bucket had, for the settings that an update changed.</summary>
    /// <returns>What was restored, and what S3 cannot take back.</returns>
    public static async Task<string> RestoreAsync(IAmazonS3 s3, string bucket, BucketState before, CancellationToken ct)
    {
        var notes = new List<string>();
        foreach (var setting in before.Drift)
        {
            switch (setting)
            {
                case PublicAccessBlock when before.PublicAccessBlock is { } block:
                    await PutPublicAccessBlockAsync(s3, bucket, block, ct);
                    break;
                case PublicAccessBlock:
                    await s3.DeletePublicAccessBlockAsync(new DeletePublicAccessBlockRequest { BucketName = bucket }, ct);
                    break;
                case Encryption when before.Encryption is { } encryption:
                    await PutEncryptionAsync(s3, bucket, encryption, ct);
                    break;
                case Encryption:
                    await s3.DeleteBucketEncryptionAsync(new DeleteBucketEncryptionRequest { BucketName = bucket }, ct);
                    break;
                case Versioning:
                    // A bucket that was never versioned can only be suspended: S3 has no way back to unversioned.
                    await PutVersioningAsync(s3, bucket, before.Versioning == "Enabled" ? VersionStatus.Enabled : VersionStatus.Suspended, ct);
                    if (before.Versioning is null) notes.Add("versioning suspended (S3 cannot make a bucket unversioned again)");
                    break;
                case Ownership when before.Ownership is { } ownership:
                    await PutOwnershipAsync(s3, bucket, ownership, ct);
                    break;
                case Ownership:
                    await s3.DeleteBucketOwnershipControlsAsync(new DeleteBucketOwnershipControlsRequest { BucketName = bucket }, ct);
                    break;
                case Tags:
                    await PutTagsAsync(s3, bucket, before.Tags, ct);
                    break;
            }
        }
        return $"{string.Join(", ", before.Drift)} restored" + (notes.Count > 0 ? $"; {string.Join("; ", notes)}" : "");
    }

    private static bool EncryptionMatches(BucketPlan plan, BucketEncryptionState? actual) =>
        actual?.Algorithm == (plan.Encryption == "SSE-KMS" ? ServerSideEncryptionMethod.AWSKMS.Value : ServerSideEncryptionMethod.AES256.Value)
        && (plan.Encryption != "SSE-KMS" || plan.KmsKeyId is null || actual.KmsKeyId == plan.KmsKeyId);

    private static Task PutPublicAccessBlockAsync(IAmazonS3 s3, string bucket, bool[] block, CancellationToken ct) =>
        s3.PutPublicAccessBlockAsync(new PutPublicAccessBlockRequest
        {
            BucketName = bucket,
            PublicAccessBlockConfiguration = new PublicAccessBlockConfiguration
            {
                BlockPublicAcls = block[0], BlockPublicPolicy = block[1], IgnorePublicAcls = block[2], RestrictPublicBuckets = block[3],
            },
        }, ct);

    private static Task PutEncryptionAsync(IAmazonS3 s3, string bucket, BucketEncryptionState encryption, CancellationToken ct) =>
        s3.PutBucketEncryptionAsync(new PutBucketEncryptionRequest
        {
            BucketName = bucket,
            ServerSideEncryptionConfiguration = new ServerSideEncryptionConfiguration
            {
                ServerSideEncryptionRules = [new ServerSideEncryptionRule
                {
                    ServerSideEncryptionByDefault = new ServerSideEncryptionByDefault
                    {
                        ServerSideEncryptionAlgorithm = new ServerSideEncryptionMethod(encryption.Algorithm),
                        ServerSideEncryptionKeyManagementServiceKeyId = encryption.KmsKeyId,
                    },
                    BucketKeyEnabled = encryption.BucketKey,
                }],
            },
        }, ct);

    private static Task PutVersioningAsync(IAmazonS3 s3, string bucket, VersionStatus status, CancellationToken ct) =>
        s3.PutBucketVersioningAsync(new PutBucketVersioningRequest { BucketName = bucket, VersioningConfig = new S3BucketVersioningConfig { Status = status } }, ct);

    private static Task PutOwnershipAsync(IAmazonS3 s3, string bucket, string ownership, CancellationToken ct) =>
        s3.PutBucketOwnershipControlsAsync(new PutBucketOwnershipControlsRequest
        {
            BucketName = bucket,
            OwnershipControls = new OwnershipControls { Rules = [new OwnershipControlsRule { ObjectOwnership = ownership }] },
        }, ct);

    private static Task PutTagsAsync(IAmazonS3 s3, string bucket, IEnumerable<KeyValuePair<string, string>> tags, CancellationToken ct) =>
        s3.PutBucketTaggingAsync(new PutBucketTaggingRequest { BucketName = bucket, TagSet = tags.Select(t => new Tag { Key = t.Key, Value = t.Value }).ToList() }, ct);
}
