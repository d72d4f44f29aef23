namespace Provisioner.Contracts;

/// <summary>A removal failed; <paramref name="Remaining"/> names what is still there.</summary>
public sealed record EnvironmentDeprovisionFailed(
    Guid RequestId, string Environment, string FailedStage, string Reason, IReadOnlyList<string> Remaining, DateTimeOffset Timestamp);
