using System.Net;
using System.Text.Json;
using Amazon.S3;
using Amazon.S3.Model;
using Provisioner.Worker.Aws;
using Provisioner.Worker.Planning;

namespace Provisioner.Worker.Stages.Bucket;

/// <summary>
/// The environment's S3 bucket: private, Block Public Access on, encrypted, tagged as ours. It holds the tenant's data:
/// deprovisioning keeps it unless told to delete the data, compensation deletes it only while it is empty.
/// </summary>
public sealed class S3BucketResource(AwsClients aws, IBucketContents contents, ILogger<S3BucketResource> logger)
    : IResource<BucketPlan>, IHoldsData<BucketPlan>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<Observation> ObserveAsync(BucketPlan plan, string environment, CancellationToken ct)
    {
        var s3 = aws.S3(plan.Region);
        Dictionary<string, string> tags;
        try
        {
            var tagging = await s3.GetBucketTaggingAsync(new GetBucketTaggingRequest { BucketName = plan.Name }, ct);
            tags = (tagging.TagSet ?? []).ToDictionary(t => t.Key, t => t.Value);
        }
        catch (AmazonS3Exception ex) when (ex.ErrorCode == "NoSuchBucket") { return Observation.Missing; }
        catch (AmazonS3Exception ex) when (ex.ErrorCode == "NoSuchTagSet") { tags = []; }
        catch (AmazonS3Exception ex) when (ex.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.MovedPermanently)
        {
            throw new ResourceConflictException("bucket", plan.Name, "belongs to another account or region (S3 names are global)");
        }
        var location = (await s3.GetBucketLocationAsync(new GetBucketLocationRequest { BucketName = plan.Name }, ct)).Location?.Value;
        if ((string.IsNullOrEmpty(location) ? "us-east-1" : location) != plan.Region)
            throw new ResourceConflictException("bucket", plan.Name, $"is in region {location}, not {plan.Region}");
        var state = await BucketStateReader.ReadAsync(s3, plan, tags, ct);
        return Observation.Found(tags, state.Drift, JsonSerializer.Serialize(state, Json)) with { Differences = BucketSettings.Describe(plan, state) };
    }

    public async Task CreateAsync(BucketPlan plan, CancellationToken ct)
    {
        var s3 = aws.S3(plan.Region);
        var request = new PutBucketRequest
        {
            BucketName = plan.Name,
            CannedACL = S3CannedACL.Private,
            ObjectOwnership = plan.ObjectOwnership,
            UseClientRegion = false,
            PutBucketConfiguration = new PutBucketConfiguration
            {
                // us-east-1 is the one region that rejects its own name as a LocationConstraint.
                LocationConstraint = plan.Region == "us-east-1" ? null : new BucketLocationConstraint(plan.Region),
                // Born tagged, so a crash right after CreateBucket leaves a bucket a retry recognises as ours.
                // Emulators that ignore create-time tags still get them from the tagging call below.
                Tags = plan.Tags.Select(t => new Tag { Key = t.Key, Value = t.Value }).ToList(),
            },
        };
        await s3.PutBucketAsync(request, ct);
        try
        {
            await BucketSettings.ApplyAsync(s3, plan, BucketSettings.All, ct);
        }
        catch (Exception ex)
        {
            // Courier does not compensate the activity that failed: undo our half-made bucket before failing.
            logger.LogWarning(ex, "Configuring new bucket {BucketName} failed; deleting it", plan.Name);
            await s3.DeleteBucketAsync(new DeleteBucketRequest { BucketName = plan.Name }, CancellationToken.None);
            throw;
        }
    }

    public Task UpdateAsync(BucketPlan plan, Observation observed, CancellationToken ct) =>
        BucketSettings.ApplyAsync(aws.S3(plan.Region), KeepCreator(plan, observed.Tags), observed.Drift, ct);

    /// <summary>
    /// PutBucketTagging replaces the whole set, unlike IAM's tag merge: carry the creator's run id over, so a later
    /// request's compensation never mistakes the bucket for its own.
    /// </summary>
    private static BucketPlan KeepCreator(BucketPlan plan, IReadOnlyDictionary<string, string>? observed)
    {
        var tags = plan.Tags.Where(t => t.Key != OwnershipTags.RunId).ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal);
        if (observed is not null && observed.TryGetValue(OwnershipTags.RunId, out var creator)) tags[OwnershipTags.RunId] = creator;
        return plan with { Tags = tags };
    }

    public Task<string> RestoreAsync(BucketPlan plan, string state, CancellationToken ct) =>
        BucketSettings.RestoreAsync(aws.S3(plan.Region), plan.Name, JsonSerializer.Deserialize<BucketState>(state, Json)!, ct);

    public async Task DeleteAsync(BucketPlan plan, CancellationToken ct)
    {
        var s3 = aws.S3(plan.Region);
        try
        {
            var versions = await s3.ListVersionsAsync(new ListVersionsRequest { BucketName = plan.Name, MaxKeys = 1 }, ct);
            if (versions.Versions is { Count: > 0 })
                throw new ResourceRetainedException("bucket", plan.Name, "it holds objects, which compensation never deletes");
            await s3.DeleteBucketAsync(new DeleteBucketRequest { BucketName = plan.Name }, ct);
        }
        catch (AmazonS3Exception ex) when (ex.ErrorCode == "NoSuchBucket") { }
    }

    public async Task<(string Action, string Detail)> DeprovisionAsync(BucketPlan plan, bool deleteData, CancellationToken ct)
    {
        if (!deleteData) return (Reconciler.Retained, "the bucket and its data are kept; deleteData was not set");
        var removed = await contents.DeleteAllVersionsAsync(plan, ct);
        await DeleteAsync(plan, ct);
        return (Reconciler.Deleted, $"{removed} object versions and delete markers removed first");
    }

    public IReadOnlyDictionary<string, string> Outputs(BucketPlan plan) =>
        new Dictionary<string, string> { ["name"] = plan.Name, ["arn"] = plan.Arn, ["region"] = plan.Region };
}
