namespace Provisioner.Worker.SagaStore;

/// <summary>
/// Wakes this process's outbox dispatcher when it has just committed rows, so delivery does not wait for the next poll.
/// A waiter takes <see cref="Next"/> before it looks at the table, so a row committed while it looks still wakes it.
/// </summary>
public sealed class OutboxSignal
{
    private TaskCompletionSource next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes at the next <see cref="Notify"/>.</summary>
    public Task Next => Volatile.Read(ref next).Task;

    public void Notify() =>
        Interlocked.Exchange(ref next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
