namespace Provisioner.Contracts;

/// <summary>Create the environment, or converge an existing one to this request (reconcile).</summary>
public sealed record ProvisionEnvironment(Guid RequestId, EnvironmentRequest Request)
{
    /// <summary>Who asks; null is taken as <see cref="Contracts.Caller.Anonymous"/>.</summary>
    public Caller? Caller { get; init; }
}
