using Provisioner.Worker.Common;

namespace Provisioner.Worker.SagaStore;

/// <summary>Wakes this process's outbox dispatcher when it has just committed rows, so delivery does not wait for the next poll.</summary>
public sealed class OutboxSignal : Signal;
