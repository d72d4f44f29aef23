namespace Provisioner.Worker.Intake.Api;

/// <summary>The optional body of <c>DELETE /environments/{id}</c>.</summary>
public sealed record DeprovisionRequest
{
    /// <summary>The idempotency key; one is generated when absent.</summary>
    public Guid? RequestId { get; init; }

    /// <summary>Also delete the bucket's objects and the bucket (default: they are kept).</summary>
    public bool? DeleteData { get; init; }
}
