using System.Net;
using System.Text.Json.Nodes;
using Amazon.S3;
using Amazon.S3.Model;
using Provisioner.Worker.Aws;
using Provisioner.Worker.Planning;

namespace Provisioner.Worker.Stages.BucketPolicy;

/// <summary>
/// Our statements in the bucket's policy. A bucket policy has no tags, so ownership is the bucket's own tags (set by the
/// bucket stage), and "ours" within the policy is the Sid prefix; every other statement is preserved on each write.
/// </summary>
public sealed class S3BucketPolicyResource(AwsClients aws, ILogger<S3BucketPolicyResource> logger) : IResource<BucketPolicyPlan>
{
    public const string Statements = "statements";

    public async Task<Observation> ObserveAsync(BucketPolicyPlan plan, string environment, CancellationToken ct)
    {
        var s3 = aws.S3(plan.Region);
        Dictionary<string, string> tags;
        try
        {
            var tagging = await s3.GetBucketTaggingAsync(new GetBucketTaggingRequest { BucketName = plan.Bucket }, ct);
            tags = (tagging.TagSet ?? []).ToDictionary(t => t.Key, t => t.Value);
        }
        catch (AmazonS3Exception ex) when (ex.ErrorCode == "NoSuchBucket") { return Observation.Missing; }
        catch (AmazonS3Exception ex) when (ex.ErrorCode == "NoSuchTagSet") { tags = []; }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.Forbidden)
        {
            throw new ResourceConflictException("bucket-policy", plan.Bucket, "its bucket belongs to another account");
        }
        // The bucket's creator is not the statements' creator: who made these is for the run's intent records to say.
        tags.Remove(OwnershipTags.RunId);
        var ours = (await ReadAsync(s3, plan.Bucket, ct)).Ours(plan.SidPrefix);
        // No grants planned and none present is the desired state itself, not a missing resource.
        if (ours.Count == 0) return plan.Grants.Count == 0 ? Observation.Found(tags, []) : Observation.Missing;
        var upToDate = BucketPolicyDocument.SameStatements(ours, plan.Grants.Select(g => g.Statement));
        return Observation.Found(tags, upToDate ? [] : [Statements], new JsonArray(ours.Select(o => o.DeepClone()).ToArray()).ToJsonString());
    }

    public Task CreateAsync(BucketPolicyPlan plan, CancellationToken ct) => WriteAsync(plan, plan.Grants.Select(g => g.Statement), ct);

    public Task UpdateAsync(BucketPolicyPlan plan, Observation observed, CancellationToken ct) => CreateAsync(plan, ct);

    /// <summary>Our statements as they were before the update; everyone else's are left as they are now.</summary>
    public async Task<string> RestoreAsync(BucketPolicyPlan plan, string state, CancellationToken ct)
    {
        var before = JsonNode.Parse(state)!.AsArray().Select(s => s!.ToJsonString()).ToList();
        await WriteAsync(plan, before, ct);
        return $"our {before.Count} bucket-policy statements restored";
    }

    /// <summary>Removes only our statements; the policy itself goes only when nothing else is left in it.</summary>
    public async Task DeleteAsync(BucketPolicyPlan plan, CancellationToken ct)
    {
        try
        {
            await WriteAsync(plan, [], ct);
        }
        catch (AmazonS3Exception ex) when (ex.ErrorCode == "NoSuchBucket") { }
    }

    /// <summary>
    /// Read, replace our statements, write back. S3 has no conditional write for policies, so a foreign writer racing
    /// this call can lose its change; the window is one round trip.
    /// </summary>
    private async Task WriteAsync(BucketPolicyPlan plan, IEnumerable<string> ours, CancellationToken ct)
    {
        var s3 = aws.S3(plan.Region);
        var current = await ReadAsync(s3, plan.Bucket, ct);
        var next = current.WithOurs(plan.SidPrefix, ours);
        if (next.IsEmpty)
        {
            if (current.IsEmpty) return;
            logger.LogInformation("Deleting the policy of bucket {BucketName}: only our statements were in it", plan.Bucket);
            await s3.DeleteBucketPolicyAsync(new DeleteBucketPolicyRequest { BucketName = plan.Bucket }, ct);
            return;
        }
        await s3.PutBucketPolicyAsync(new PutBucketPolicyRequest { BucketName = plan.Bucket, Policy = next.ToJson() }, ct);
    }

    private static async Task<BucketPolicyDocument> ReadAsync(IAmazonS3 s3, string bucket, CancellationToken ct)
    {
        try
        {
            return BucketPolicyDocument.Parse((await s3.GetBucketPolicyAsync(new GetBucketPolicyRequest { BucketName = bucket }, ct)).Policy);
        }
        catch (AmazonS3Exception ex) when (ex.ErrorCode == "NoSuchBucketPolicy") { return BucketPolicyDocument.Parse(null); }
    }

    public IReadOnlyDictionary<string, string> Outputs(BucketPolicyPlan plan)
    {
        var outputs = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["bucket"] = plan.Bucket,
            ["sids"] = string.Join(",", plan.Grants.Select(g => g.Sid)),
        };
        // What the other account must attach to its principal: cross-account access needs both sides to allow it.
        foreach (var grant in plan.Grants) outputs[$"identityPolicy:{grant.Principal}"] = grant.IdentityPolicy;
        foreach (var (warning, i) in plan.Warnings.Select((w, i) => (w, i))) outputs[$"warning:{i}"] = warning;
        return outputs;
    }
}
