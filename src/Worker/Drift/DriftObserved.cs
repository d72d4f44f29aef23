using Provisioner.Contracts;

namespace Provisioner.Worker.Drift;

/// <summary>
/// What a drift check found, sent to the environment's saga. It names the saga version the check read: if anything
/// happened to the environment since (a run started), the observation is stale and the saga drops it.
/// <paramref name="Repair"/>: the check may start a repair run.
/// </summary>
public sealed record DriftObserved(Guid CorrelationId, int Version, IReadOnlyList<DriftFinding> Findings, DateTimeOffset CheckedAt, bool Repair);
