using System.Globalization;
using System.Text.Json;
using Provisioner.Contracts;

namespace Provisioner.Worker.Cli;

/// <summary>Shows a run's events on stderr in the chosen <see cref="ProgressMode"/>.</summary>
public sealed class RunProgress : IDisposable
{
    // Lines for people: quotes and apostrophes stay readable.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly object gate = new();
    private readonly TextWriter output;
    private readonly ProgressMode mode;
    private readonly TimeProvider clock;
    private readonly StageBoard board = new();
    private readonly ITimer? ticker;
    private int drawn;
    private bool finished;

    public RunProgress(TextWriter output, ProgressMode mode, TimeProvider? clock = null)
    {
        (this.output, this.mode, this.clock) = (output, mode, clock ?? TimeProvider.System);
        if (mode == ProgressMode.Live) ticker = this.clock.CreateTimer(_ => Redraw(), null, TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(250));
    }

    /// <summary>Live on a terminal (not a dumb one), plain lines otherwise, JSON when asked.</summary>
    public static ProgressMode ModeFor(bool jsonOutput) =>
        jsonOutput ? ProgressMode.Json
        : !Console.IsErrorRedirected && Environment.GetEnvironmentVariable("TERM") is not (null or "" or "dumb") ? ProgressMode.Live
        : ProgressMode.Lines;

    public void OnEvent(object message, bool outcome)
    {
        var now = clock.GetUtcNow();
        lock (gate)
        {
            board.Apply(message, now);
            finished |= outcome;
            var type = message.GetType().Name;
            switch (mode)
            {
                case ProgressMode.Json:
                    output.WriteLine(JsonSerializer.Serialize(new { time = now, type, @event = message }, Json));
                    break;
                case ProgressMode.Lines:
                    output.WriteLine($"{now.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture)} {type} {Summary(message)}");
                    break;
                default:
                    Draw(now);
                    if (outcome) output.WriteLine($"{type} {Summary(message)}");
                    break;
            }
        }
    }

    public void Dispose() => ticker?.Dispose();

    /// <summary>A stage event in words; anything else (outcomes, key steps) as its JSON, reasons and problems included.</summary>
    public static string Summary(object message) => message switch
    {
        EnvironmentRunStarted s => $"stages: {string.Join(", ", s.Stages)}",
        StageCompleted c => $"{c.Stage} done: {c.Action} ({Seconds(c.CompletedAt - c.StartedAt)})",
        StageFailed f => $"{f.Stage} failed: {f.Reason}",
        StageCompensated c => $"{c.Stage} compensated: {c.Action}{(c.Detail is null ? "" : $" ({c.Detail})")}",
        StageCompensationFailed f => $"{f.Stage} compensation failed: {f.Reason}",
        _ => JsonSerializer.Serialize(message, message.GetType(), Json),
    };

    private void Redraw()
    {
        lock (gate)
            if (!finished) Draw(clock.GetUtcNow());
    }

    /// <summary>Moves up over the last drawing and writes the list again.</summary>
    private void Draw(DateTimeOffset now)
    {
        var rows = board.Rows(now, finished);
        if (drawn > 0) output.Write($"\u001b[{drawn}A");
        foreach (var row in rows)
        {
            var took = row.From is { } from && row.To is { } to ? Seconds(to - from) : "";
            output.Write($"\u001b[2K  {Mark(row.Status)} {row.Stage,-16} {row.Status,-20} {row.Action,-10} {took}\n");
        }
        output.Flush();
        drawn = rows.Count;
    }

    private static string Mark(string status) => status switch
    {
        "done" => "✔",
        "running" => "▸",
        "failed" or "compensation-failed" => "✘",
        "compensating" => "↺",
        "compensated" => "↩",
        _ => "·",
    };

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.00 's'", CultureInfo.InvariantCulture);
}
