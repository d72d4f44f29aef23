namespace Provisioner.Worker.SagaStore;

/// <summary>
/// Wakes this process's status waiters (<c>?wait=</c>, the event stream) of one environment when this process has just
/// committed a write of its saga. Keyed by saga, so a write wakes only that environment's waiters: one signal for all
/// would make every waiter read its saga again at every write of any environment. A write by another replica wakes
/// nobody here: waiters also look again on a short interval. An environment is remembered only while someone waits on
/// it, so waiting on names that never change holds no memory after the wait.
/// </summary>
public sealed class SagaChangeSignal
{
    private readonly Dictionary<Guid, Watch> watches = [];

    /// <summary>
    /// Starts waiting for the saga's next write. Take it before reading the saga, so a write committed while reading
    /// still wakes the waiter; dispose it when done waiting.
    /// </summary>
    public Subscription Subscribe(Guid correlationId)
    {
        lock (watches)
        {
            if (!watches.TryGetValue(correlationId, out var watch)) watches[correlationId] = watch = new Watch();
            watch.Waiters++;
            return new Subscription(this, correlationId, watch);
        }
    }

    public void Notify(Guid correlationId)
    {
        Watch? watch;
        lock (watches)
        {
            if (!watches.Remove(correlationId, out watch)) return;
        }
        watch.Changed.TrySetResult();
    }

    /// <summary>How many sagas someone waits on now.</summary>
    public int Watched
    {
        get
        {
            lock (watches) return watches.Count;
        }
    }

    private void Release(Guid correlationId, Watch watch)
    {
        lock (watches)
        {
            if (--watch.Waiters == 0 && watches.TryGetValue(correlationId, out var current) && current == watch) watches.Remove(correlationId);
        }
    }

    internal sealed class Watch
    {
        public TaskCompletionSource Changed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Waiters { get; set; }
    }

    /// <summary>One waiter's wait for one saga's next write.</summary>
    public sealed class Subscription : IDisposable
    {
        private readonly SagaChangeSignal signal;
        private readonly Guid correlationId;
        private Watch? watch;

        internal Subscription(SagaChangeSignal signal, Guid correlationId, Watch watch)
        {
            this.signal = signal;
            this.correlationId = correlationId;
            this.watch = watch;
            Changed = watch.Changed.Task;
        }

        /// <summary>Completes at the saga's next write after <see cref="Subscribe"/>.</summary>
        public Task Changed { get; }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref watch, null) is { } held) signal.Release(correlationId, held);
        }
    }
}
