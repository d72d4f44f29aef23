namespace Provisioner.Contracts;

/// <summary>Everything was removed; <paramref name="Retained"/> names what was kept on purpose (the bucket, by default).</summary>
public sealed record EnvironmentDeprovisioned(
    Guid RequestId, string Environment, IReadOnlyList<string> Retained, DateTimeOffset Timestamp);
