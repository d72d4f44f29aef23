namespace Provisioner.Contracts;

/// <summary>
/// The drift last reported is gone: a run re-applied the request (<paramref name="RequestId"/> is that run's; a repair run
/// of <c>Drift:Mode repair</c> has a request id of its own), or a check found everything as applied again
/// (<paramref name="RequestId"/> null: someone put it back by hand).
/// </summary>
public sealed record EnvironmentDriftRepaired(string Environment, Guid? RequestId, IReadOnlyList<DriftFinding> Repaired, DateTimeOffset RepairedAt);
