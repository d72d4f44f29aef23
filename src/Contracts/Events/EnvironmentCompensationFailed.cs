namespace Provisioner.Contracts;

/// <summary>Compensation could not finish; <paramref name="Leftovers"/> names what is still there.</summary>
public sealed record EnvironmentCompensationFailed(
    Guid RequestId, string Environment, string FailedStage, string Reason, IReadOnlyList<string> Leftovers,
    DateTimeOffset Timestamp);
