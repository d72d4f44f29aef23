using Provisioner.Worker.SagaStore;

namespace Provisioner.Worker.Tests.SagaStore;

/// <summary>A write wakes only its own environment's waiters, and a finished wait leaves nothing behind.</summary>
public sealed class SagaChangeSignalTests
{
    [Fact]
    public void Notify_OneSaga_WakesOnlyItsWaiters()
    {
        var signal = new SagaChangeSignal();
        var (mine, other) = (Guid.NewGuid(), Guid.NewGuid());
        using var first = signal.Subscribe(mine);
        using var second = signal.Subscribe(mine);
        using var elsewhere = signal.Subscribe(other);

        signal.Notify(mine);

        Assert.True(first.Changed.IsCompleted);
        Assert.True(second.Changed.IsCompleted);
        Assert.False(elsewhere.Changed.IsCompleted);
    }

    [Fact]
    public void Subscribe_AfterANotify_WaitsForTheNextWrite()
    {
        var signal = new SagaChangeSignal();
        var saga = Guid.NewGuid();
        using (var before = signal.Subscribe(saga)) signal.Notify(saga);

        using var after = signal.Subscribe(saga);

        Assert.False(after.Changed.IsCompleted);
        signal.Notify(saga);
        Assert.True(after.Changed.IsCompleted);
    }

    /// <summary>Waits on many names that never change (a client looping over made-up names) hold no memory once over.</summary>
    [Fact]
    public void Dispose_EveryWaiterGone_ForgetsTheSaga()
    {
        var signal = new SagaChangeSignal();
        var saga = Guid.NewGuid();
        var first = signal.Subscribe(saga);
        var second = signal.Subscribe(saga);
        for (var i = 0; i < 1000; i++) signal.Subscribe(Guid.NewGuid()).Dispose();

        first.Dispose();
        first.Dispose(); // twice is once
        Assert.Equal(1, signal.Watched);
        second.Dispose();

        Assert.Equal(0, signal.Watched);
    }
}
