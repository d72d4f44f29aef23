namespace Provisioner.Worker.Common;

/// <summary>
/// A wake-up for in-process waiters: <see cref="Next"/> completes at the next <see cref="Notify"/>. A waiter takes
/// <see cref="Next"/> before it looks at what it waits for, so a change made while it looks still wakes it.
/// </summary>
public abstract class Signal
{
    private TaskCompletionSource next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes at the next <see cref="Notify"/>.</summary>
    public Task Next => Volatile.Read(ref next).Task;

    public void Notify() =>
        Interlocked.Exchange(ref next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
