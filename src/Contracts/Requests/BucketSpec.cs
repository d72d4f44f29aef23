namespace Provisioner.Contracts;

public sealed record BucketSpec
{
    /// <summary>Derived from the environment when absent.</summary>
    public string? Name { get; init; }

    public bool Versioning { get; init; }

    /// <summary><c>SSE-S3</c> (default) or <c>SSE-KMS</c>.</summary>
    public string Encryption { get; init; } = "SSE-S3";

    public string? KmsKeyId { get; init; }

    /// <summary><c>ObjectWriter</c> (the Milvus guide's choice, default) or <c>BucketOwnerEnforced</c>.</summary>
    public string ObjectOwnership { get; init; } = "ObjectWriter";

    public IReadOnlyDictionary<string, string>? Tags { get; init; }
}
