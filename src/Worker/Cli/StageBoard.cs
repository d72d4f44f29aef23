using Provisioner.Contracts;

namespace Provisioner.Worker.Cli;

/// <summary>
/// Where each stage of one run is, from its events: pending, running (the first pending one while the run goes
/// forward), done, failed, compensating (the last done one once a stage failed), compensated. Our events say when a
/// stage ends, not when it starts: a stage runs from the end of the one before it.
/// </summary>
public sealed class StageBoard
{
    private readonly List<Row> rows = [];
    private DateTimeOffset startedAt;
    private bool failed;

    public sealed record Row(string Stage, string Status, string? Action, DateTimeOffset? From, DateTimeOffset? To);

    public void Apply(object message, DateTimeOffset now)
    {
        switch (message)
        {
            case EnvironmentRunStarted started:
                rows.Clear();
                rows.AddRange(started.Stages.Select(s => new Row(s, "pending", null, null, null)));
                startedAt = now;
                break;
            case StageCompleted c:
                Set(c.Stage, "done", c.Action, c.StartedAt, c.CompletedAt);
                break;
            case StageFailed f:
                failed = true;
                Set(f.Stage, "failed", null, f.StartedAt, f.FailedAt);
                break;
            case StageCompensated c:
                Set(c.Stage, "compensated", c.Action, null, c.CompensatedAt);
                break;
            case StageCompensationFailed f:
                Set(f.Stage, "compensation-failed", null, null, f.FailedAt);
                break;
        }
    }

    /// <summary>The rows as they stand at <paramref name="now"/>, with running and compensating inferred.</summary>
    public IReadOnlyList<Row> Rows(DateTimeOffset now, bool finished)
    {
        var view = rows.ToList();
        if (finished) return view;
        if (!failed && view.FindIndex(r => r.Status == "pending") is >= 0 and var next)
            view[next] = view[next] with { Status = "running", From = next == 0 ? startedAt : view[next - 1].To ?? startedAt, To = now };
        if (failed && view.FindLastIndex(r => r.Status == "done") is >= 0 and var undoing)
            view[undoing] = view[undoing] with { Status = "compensating" };
        return view;
    }

    private void Set(string stage, string status, string? action, DateTimeOffset? from, DateTimeOffset? to)
    {
        var index = rows.FindIndex(r => r.Stage == stage);
        if (index < 0) rows.Add(new Row(stage, status, action, from, to));
        else rows[index] = rows[index] with { Status = status, Action = action ?? rows[index].Action, From = from ?? rows[index].From, To = to ?? rows[index].To };
    }
}
