using Provisioner.Contracts;
using Provisioner.Worker.Cli;

namespace Provisioner.Worker.Tests.Cli;

public sealed class StageBoardTests
{
    private static readonly Guid RequestId = Guid.NewGuid();
    private static readonly DateTimeOffset T0 = new(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Rows_OneStageDone_NextIsRunningSinceItEndedAndTheRestPending()
    {
        var board = new StageBoard();
        board.Apply(new EnvironmentRunStarted(RequestId, "demo", ["bucket", "access-policy", "role"], false, T0), T0);
        board.Apply(new StageCompleted(RequestId, "demo", "bucket", "created", new Dictionary<string, string>(), T0, T0.AddSeconds(2)), T0.AddSeconds(2));

        var rows = board.Rows(T0.AddSeconds(5), finished: false);

        Assert.Equal(["done", "running", "pending"], rows.Select(r => r.Status));
        Assert.Equal((T0.AddSeconds(2), T0.AddSeconds(5)), (rows[1].From, rows[1].To));
    }

    [Fact]
    public void Rows_AStageFailed_LastDoneStageIsCompensatingAndNothingRuns()
    {
        var board = new StageBoard();
        board.Apply(new EnvironmentRunStarted(RequestId, "demo", ["bucket", "access-policy", "role"], false, T0), T0);
        board.Apply(new StageCompleted(RequestId, "demo", "bucket", "created", new Dictionary<string, string>(), T0, T0.AddSeconds(1)), T0);
        board.Apply(new StageCompleted(RequestId, "demo", "access-policy", "created", new Dictionary<string, string>(), T0, T0.AddSeconds(2)), T0);
        board.Apply(new StageFailed(RequestId, "demo", "role", "refused", T0.AddSeconds(2), T0.AddSeconds(3)), T0);
        board.Apply(new StageCompensated(RequestId, "demo", "access-policy", "deleted", null, T0.AddSeconds(4)), T0);

        Assert.Equal(["compensating", "compensated", "failed"], board.Rows(T0.AddSeconds(5), finished: false).Select(r => r.Status));
    }
}
