namespace Provisioner.Contracts;

/// <summary>What a caller asks for: the JSON read by <c>plan</c>/<c>apply</c>, the HTTP API and the request queue.</summary>
public sealed record EnvironmentRequest
{
    /// <summary>The idempotency key; one is generated when absent.</summary>
    public Guid? RequestId { get; init; }

    public string Environment { get; init; } = "";

    /// <summary>The operator's profile the request is checked against and shaped by (<c>Profiles:&lt;name&gt;</c>); granted per tenant.</summary>
    public string Profile { get; init; } = "default";
    public AwsSpec Aws { get; init; } = new();
    public BucketSpec Bucket { get; init; } = new();
    public AccessSpec Access { get; init; } = new();
    public KubernetesSpec Kubernetes { get; init; } = new();

    /// <summary>Absent = no Helm stage.</summary>
    public MilvusSpec? Milvus { get; init; }

    public TicketReference? Ticket { get; init; }

    /// <summary>Bucket-policy grants to principals of other accounts (a later stage; validated now).</summary>
    public IReadOnlyList<CrossAccountGrant>? CrossAccount { get; init; }

    /// <summary>
    /// The scheduled drift check for this environment: null = as the operator's <c>Drift:Mode</c> says; <c>off</c> = never
    /// checked on schedule; <c>report</c> = reported, never repaired automatically. A request can lower the mode, not raise it.
    /// </summary>
    public string? Drift { get; init; }

    /// <summary>Deprovisioning only: also delete the bucket's objects and the bucket.</summary>
    public bool DeleteData { get; init; }
}
