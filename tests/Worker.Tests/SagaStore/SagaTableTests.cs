using MassTransit;
using Provisioner.Contracts;
using Provisioner.Worker.Runs;
using Provisioner.Worker.SagaStore;
using Provisioner.Worker.StateMachine;

namespace Provisioner.Worker.Tests.SagaStore;

/// <summary>
/// What every database the saga table lives in must do; one subclass per <see cref="ISagaDatabase"/> runs these
/// against a real server (SQLite file, PostgreSQL process).
/// </summary>
public abstract class SagaTableTests : IAsyncLifetime
{
    private SagaTable table = null!;

    /// <summary>A new table object over the same database, with a connection of its own: what a restarted process sees.</summary>
    protected abstract Task<SagaTable> OpenAsync();

    public virtual async Task InitializeAsync() => table = await OpenAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;

    private static ProvisioningState NewSaga(string environment = "tenant-a") => new()
    {
        CorrelationId = Guid.NewGuid(),
        CurrentState = "Running",
        Environment = environment,
        Run = new Run
        {
            RunId = Guid.NewGuid(),
            RequestId = Guid.NewGuid(),
            Request = new EnvironmentRequest { Environment = environment, Aws = new AwsSpec { Region = "us-east-2" } },
            Stages = [new StageRecord("bucket", StageStatus.Completed, "created", new Dictionary<string, string> { ["arn"] = "arn:aws:s3:::b" },
                DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddSeconds(1), null, null)],
        },
    };

    [Fact]
    public async Task InsertAsync_ThenLoad_RoundTripsEveryFieldAtVersionOne()
    {
        var saga = NewSaga();
        await table.InsertAsync(saga, default);

        var loaded = await table.LoadAsync(saga.CorrelationId, default);

        Assert.NotNull(loaded);
        Assert.Equal(1, loaded.Version);
        Assert.Equal((saga.Environment, saga.Run.RequestId, saga.CurrentState), (loaded.Environment, loaded.Run.RequestId, loaded.CurrentState));
        Assert.Equal("us-east-2", loaded.Run.Request!.Aws.Region);
        Assert.Equal("arn:aws:s3:::b", loaded.Run.Stages.Single().Outputs["arn"]);
    }

    [Fact]
    public async Task DriftSchedule_ClaimedByOneReplicaAtATime_DueAgainOnlyAfterItsInterval()
    {
        var (schedule, id, now) = (new DriftSchedule(table.Database), Guid.NewGuid(), DateTimeOffset.UtcNow);
        await schedule.ScheduleAsync(id, now.AddSeconds(-1), default);
        await schedule.ScheduleAsync(id, now.AddHours(1), default); // scheduled already: keeps its due time

        var claims = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => schedule.TryClaimAsync(id, $"replica-{i}", now, TimeSpan.FromMinutes(5), default)));
        var winner = $"replica-{Array.IndexOf(claims, true)}";
        await schedule.CompleteAsync(id, "replica-x", now, now.AddSeconds(-1), default); // not the holder: changes nothing
        var stillHeld = await schedule.TryClaimAsync(id, "late", now, TimeSpan.FromMinutes(5), default);
        await schedule.CompleteAsync(id, winner, now, now.AddHours(1), default);
        var notDue = await schedule.TryClaimAsync(id, "late", now.AddMinutes(59), TimeSpan.FromMinutes(5), default);
        var due = await schedule.TryClaimAsync(id, "late", now.AddMinutes(61), TimeSpan.FromMinutes(5), default);
        var takenOverAfterTheLease = await schedule.TryClaimAsync(id, "next", now.AddMinutes(67), TimeSpan.FromMinutes(5), default);

        Assert.Single(claims, c => c);
        Assert.Equal((false, false, true, true), (stillHeld, notDue, due, takenOverAfterTheLease));
        Assert.Equal(now.AddHours(1).ToUnixTimeMilliseconds(), (await schedule.DueTimesAsync(default))[id].ToUnixTimeMilliseconds());
    }

    [Fact]
    public async Task LoadAsync_Missing_ReturnsNull() => Assert.Null(await table.LoadAsync(Guid.NewGuid(), default));

    [Fact]
    public async Task InsertAsync_SameIdTwice_ThrowsConcurrencyException()
    {
        var saga = NewSaga();
        await table.InsertAsync(saga, default);

        await Assert.ThrowsAsync<ConcurrencyException>(() => table.InsertAsync(saga, default));
    }

    [Fact]
    public async Task UpdateAsync_StaleVersion_ThrowsAndLeavesTheNewerWrite()
    {
        var saga = NewSaga();
        await table.InsertAsync(saga, default);
        var first = (await table.LoadAsync(saga.CorrelationId, default))!;
        var second = (await table.LoadAsync(saga.CorrelationId, default))!;
        first.CurrentState = "Provisioned";
        await table.UpdateAsync(first, default);

        second.CurrentState = "RolledBack";
        await Assert.ThrowsAsync<ConcurrencyException>(() => table.UpdateAsync(second, default));

        var stored = (await table.LoadAsync(saga.CorrelationId, default))!;
        Assert.Equal(("Provisioned", 2), (stored.CurrentState, stored.Version));
    }

    [Fact]
    public async Task UpdateAsync_ConcurrentWritersRetrying_NoUpdateIsLost()
    {
        var saga = NewSaga();
        await table.InsertAsync(saga, default);
        var conflicts = 0;
        var waiting = 8;
        var allLoaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < 10; i++)
            {
                while (true)
                {
                    var current = (await table.LoadAsync(saga.CorrelationId, default))!;
                    current.Run.Attempts++;
                    // The first round: everyone has read version 1 before anyone writes, so seven writes must lose.
                    if (i == 0 && Interlocked.Decrement(ref waiting) == 0) allLoaded.SetResult();
                    await allLoaded.Task;
                    try { await table.UpdateAsync(current, default); break; }
                    catch (ConcurrencyException) { Interlocked.Increment(ref conflicts); }
                }
            }
        })));

        var stored = (await table.LoadAsync(saga.CorrelationId, default))!;
        Assert.Equal(80, stored.Run.Attempts);
        Assert.Equal(81, stored.Version);
        Assert.True(conflicts >= 7, $"seven of the first eight writes read a stale version; saw {conflicts} conflicts");
    }

    [Fact]
    public async Task LoadAsync_AfterReopening_StateSurvives()
    {
        var saga = NewSaga();
        await table.InsertAsync(saga, default);

        var reopened = await OpenAsync();

        Assert.Equal(saga.Run.RequestId, (await reopened.LoadAsync(saga.CorrelationId, default))!.Run.RequestId);
    }

    [Fact]
    public async Task ListAsync_ByState_ReturnsOnlyThatState()
    {
        var running = NewSaga("a-env");
        var done = NewSaga("b-env");
        done.CurrentState = "Provisioned";
        await table.InsertAsync(running, default);
        await table.InsertAsync(done, default);

        Assert.Equal([running.CorrelationId], (await table.ListAsync("Running", default)).Select(s => s.CorrelationId));
        Assert.Equal(2, (await table.ListAsync((string?)null, default)).Count);
    }

    [Fact]
    public async Task DeleteAsync_ThenLoad_Gone()
    {
        var saga = NewSaga();
        await table.InsertAsync(saga, default);

        await table.DeleteAsync(saga, default);

        Assert.Null(await table.LoadAsync(saga.CorrelationId, default));
    }
}
