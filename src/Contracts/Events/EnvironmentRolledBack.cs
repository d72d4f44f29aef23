namespace Provisioner.Contracts;

/// <summary>A stage failed and every stage before it was compensated.</summary>
public sealed record EnvironmentRolledBack(
    Guid RequestId, string Environment, string FailedStage, string Reason, DateTimeOffset Timestamp);
