namespace Provisioner.Worker.Stages.BucketPolicy;

/// <summary>
/// Our part of the bucket's policy: the statements whose Sid starts with <paramref name="SidPrefix"/>. Statements of
/// anyone else are kept as they are. <paramref name="Tags"/> are the bucket's: a bucket policy has no tags of its own,
/// so the bucket the bucket stage tagged is what makes our statements ours.
/// </summary>
public sealed record BucketPolicyPlan(
    string Bucket,
    string Region,
    string BucketArn,
    string SidPrefix,
    IReadOnlyList<BucketPolicyGrant> Grants,
    IReadOnlyList<string> Warnings,
    IReadOnlyDictionary<string, string> Tags);
