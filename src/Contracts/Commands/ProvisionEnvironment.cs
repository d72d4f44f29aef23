namespace Provisioner.Contracts;

/// <summary>Create the environment, or converge an existing one to this request (reconcile).</summary>
public sealed record ProvisionEnvironment(Guid RequestId, EnvironmentRequest Request);
