namespace Provisioner.Worker.Stages.Bucket;

public sealed record BucketPlan(
    string Name,
    string Region,
    string Arn,
    string ObjectOwnership,
    string Encryption,
    string? KmsKeyId,
    bool Versioning,
    IReadOnlyDictionary<string, string> Tags);
