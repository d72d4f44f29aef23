using System.Globalization;
using System.Text;
using Provisioner.Contracts;

namespace Provisioner.Worker.Dashboard;

/// <summary>
/// A run as an SVG timeline: one bar per stage from its start to its end, coloured by how it ended, with its duration,
/// and a mark where it was compensated. SVG attributes, not inline styles, so the page needs no <c>'unsafe-inline'</c>.
/// </summary>
public static class RunTimeline
{
    private const int LabelWidth = 170;
    private const int BarsWidth = 620;
    private const int RowHeight = 24;

    public static string Svg(EnvironmentStatus status)
    {
        var stages = status.Stages.Where(s => s.Status != StageStatus.Skipped || s.StartedAt is not null).ToList();
        var times = stages.SelectMany(s => new[] { s.StartedAt, s.CompletedAt, s.CompensatedAt })
            .Append(status.StartedAt).Append(status.FinishedAt).OfType<DateTimeOffset>().ToList();
        if (stages.Count == 0 || times.Count == 0) return "<p class=\"muted\">No stage has started.</p>";
        var start = times.Min();
        var span = Math.Max((times.Max() - start).TotalMilliseconds, 1);
        double X(DateTimeOffset at) => LabelWidth + ((at - start).TotalMilliseconds / span * BarsWidth);

        var height = (stages.Count * RowHeight) + 8;
        var svg = new StringBuilder().Append(CultureInfo.InvariantCulture,
            $"<svg class=\"timeline\" viewBox=\"0 0 {LabelWidth + BarsWidth + 110} {height}\" role=\"img\" aria-label=\"stage timeline\">");
        for (var i = 0; i < stages.Count; i++)
        {
            var stage = stages[i];
            var y = 4 + (i * RowHeight);
            var begin = stage.StartedAt ?? start;
            var end = EndOf(stage, status) ?? (stage.Status == StageStatus.Pending ? times.Max() : begin);
            var ended = StatusName(stage.Status);
            var title = $"{stage.Stage}: {ended}{(stage.Action is null ? "" : $" ({stage.Action})")}{(stage.Detail is null ? "" : $" — {stage.Detail}")}";
            svg.Append(CultureInfo.InvariantCulture, $"""
                <g class="stage" data-stage="{DashboardHtml.Encode(stage.Stage)}" data-status="{DashboardHtml.Encode(ended)}"><title>{DashboardHtml.Encode(title)}</title>
                <text x="4" y="{y + 15}">{DashboardHtml.Encode(stage.Stage)}</text>
                <rect class="bar-{DashboardHtml.Encode(ended)}" x="{X(begin):F1}" y="{y + 3}" width="{Math.Max(X(end) - X(begin), 3):F1}" height="{RowHeight - 8}" rx="2"></rect>
                <text x="{Math.Max(X(end), X(begin) + 3) + 6:F1}" y="{y + 15}">{DashboardHtml.Encode(Duration(stage.StartedAt, EndOf(stage, status)))}{(stage.Status is StageStatus.Failed or StageStatus.CompensationFailed ? " ✗" : "")}</text>
                """);
            if (stage.CompensatedAt is { } compensated)
                svg.Append(CultureInfo.InvariantCulture,
                    $"<line class=\"compensation\" x1=\"{X(compensated):F1}\" x2=\"{X(compensated):F1}\" y1=\"{y + 1}\" y2=\"{y + RowHeight - 3}\"></line>");
            svg.Append("</g>");
        }
        return svg.Append("</svg>").ToString();
    }

    /// <summary>
    /// When the stage ended: its completion, or for a stage that failed without one, when the rollback began (the first
    /// compensation) or the run ended.
    /// </summary>
    public static DateTimeOffset? EndOf(StageRecord stage, EnvironmentStatus run)
    {
        if (stage.CompletedAt is not null || stage.Status != StageStatus.Failed) return stage.CompletedAt;
        var rollback = run.Stages.Select(s => s.CompensatedAt).OfType<DateTimeOffset>().ToList();
        return rollback.Count > 0 ? rollback.Min() : run.FinishedAt;
    }

    public static string StatusName(StageStatus status) => System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(status.ToString());

    public static string Duration(DateTimeOffset? from, DateTimeOffset? to) =>
        from is { } a && to is { } b ? string.Create(CultureInfo.InvariantCulture, $"{(b - a).TotalSeconds:F1} s") : "";
}
