namespace Provisioner.Contracts;

/// <summary>A run began; <paramref name="Stages"/> lists what it will do, in order.</summary>
public sealed record EnvironmentRunStarted(
    Guid RequestId, string Environment, IReadOnlyList<string> Stages, bool Reconcile, DateTimeOffset Timestamp);
