namespace Provisioner.Contracts;

/// <summary><paramref name="Action"/> is <c>deleted</c>, <c>retained</c> (not ours to delete) or <c>absent</c>.</summary>
public sealed record StageCompensated(
    Guid RequestId, string Environment, string Stage, string Action, string? Detail, DateTimeOffset CompensatedAt);
