namespace Provisioner.Contracts;

/// <summary>Answered with <see cref="EnvironmentStatus"/> or <see cref="EnvironmentNotFound"/>.</summary>
public sealed record GetEnvironmentStatus(Guid RequestId, string Environment)
{
    /// <summary>Who asks; null is taken as <see cref="Contracts.Caller.Anonymous"/>.</summary>
    public Caller? Caller { get; init; }
}
