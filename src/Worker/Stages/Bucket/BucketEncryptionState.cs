namespace Provisioner.Worker.Stages.Bucket;

/// <summary>A bucket's default encryption: the algorithm (<c>AES256</c>, <c>aws:kms</c>), its KMS key and whether bucket keys are on.</summary>
public sealed record BucketEncryptionState(string Algorithm, string? KmsKeyId, bool BucketKey);
