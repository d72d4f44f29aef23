namespace Provisioner.Contracts;

/// <summary>
/// A drift check found resources of the environment that differ from its applied request (or different ones than it
/// last reported). Published once per distinct set of findings, not at every check.
/// </summary>
public sealed record EnvironmentDriftDetected(string Environment, IReadOnlyList<DriftFinding> Drift, DateTimeOffset DetectedAt);
