namespace Provisioner.Contracts;

/// <summary>Every stage is done; <paramref name="Resources"/> maps stage → its outputs (names, ARNs).</summary>
public sealed record EnvironmentProvisioned(
    Guid RequestId, string Environment, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Resources,
    DateTimeOffset Timestamp);
