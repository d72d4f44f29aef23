namespace Provisioner.Contracts;

/// <summary>Answered with <see cref="EnvironmentStatus"/> or <see cref="EnvironmentNotFound"/>.</summary>
public sealed record GetEnvironmentStatus(Guid RequestId, string Environment);
