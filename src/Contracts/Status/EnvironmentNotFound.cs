namespace Provisioner.Contracts;

public sealed record EnvironmentNotFound(Guid RequestId, string Environment);
