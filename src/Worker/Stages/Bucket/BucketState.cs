namespace Provisioner.Worker.Stages.Bucket;

/// <summary>
/// A bucket's settings as S3 reports them (null = not set), and which of them differ from the plan: what an update
/// replaces, and what a compensation puts back.
/// </summary>
public sealed record BucketState(
    string? Versioning,
    BucketEncryptionState? Encryption,
    bool[]? PublicAccessBlock,
    string? Ownership,
    Dictionary<string, string> Tags,
    IReadOnlyList<string> Drift);
