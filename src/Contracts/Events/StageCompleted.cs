namespace Provisioner.Contracts;

/// <summary><paramref name="Action"/> is <c>created</c>, <c>updated</c> or <c>unchanged</c>.</summary>
public sealed record StageCompleted(
    Guid RequestId, string Environment, string Stage, string Action, IReadOnlyDictionary<string, string> Outputs,
    DateTimeOffset StartedAt, DateTimeOffset CompletedAt);
