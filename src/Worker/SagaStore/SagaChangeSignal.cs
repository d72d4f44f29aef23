using Provisioner.Worker.Common;

namespace Provisioner.Worker.SagaStore;

/// <summary>
/// Wakes this process's status waiters (<c>?wait=</c>, the event stream) when it has just committed a saga write. A
/// write by another replica wakes nobody here: waiters also look again on a short interval.
/// </summary>
public sealed class SagaChangeSignal : Signal;
