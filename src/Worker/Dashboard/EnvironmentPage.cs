using System.Globalization;
using System.Text;
using Provisioner.Contracts;

namespace Provisioner.Worker.Dashboard;

/// <summary>
/// One environment: its state, why its run failed, the timeline of the run, each stage's resources (names and ARNs) and
/// the run's events as the saga recorded them. The store keeps the current (or last) run of an environment.
/// </summary>
public static class EnvironmentPage
{
    public static string Html(EnvironmentStatus status)
    {
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture,
            $"<p>{EnvironmentListPage.State(status.State)} <span class=\"muted\">request <code>{status.RequestId}</code></span></p>");
        if (status.Reason is not null || status.FailedStage is not null)
            html.Append(CultureInfo.InvariantCulture,
                $"<div class=\"failure\"><strong>Failed at {DashboardHtml.Encode(status.FailedStage ?? "(no stage)")}</strong>: <span class=\"reason\">{DashboardHtml.Encode(status.Reason)}</span></div>");
        html.Append("<h2>Run</h2>").Append(RunTimeline.Svg(status));
        html.Append("<h2>Resources</h2><table><thead><tr><th>stage</th><th>status</th><th>action</th><th>duration</th><th>resources</th></tr></thead><tbody>");
        foreach (var stage in status.Stages)
            html.Append(CultureInfo.InvariantCulture, $"""
                <tr><td>{DashboardHtml.Encode(stage.Stage)}</td><td>{DashboardHtml.Encode(RunTimeline.StatusName(stage.Status))}</td>
                <td>{DashboardHtml.Encode(stage.Action)}</td><td>{DashboardHtml.Encode(RunTimeline.Duration(stage.StartedAt, RunTimeline.EndOf(stage, status)))}</td>
                <td>{Outputs(stage.Outputs)}</td></tr>
                """);
        html.Append("</tbody></table>");
        if (status.Drift is { Count: > 0 } drift)
            html.Append("<h2>Drifted</h2><ul>").AppendJoin("", drift.SelectMany(d => d.Differences.DefaultIfEmpty(d.Kind).Select(x =>
                $"<li><code>{DashboardHtml.Encode(d.Stage)}</code> {DashboardHtml.Encode(d.Resource)}: {DashboardHtml.Encode(x)}</li>"))).Append("</ul>");
        if (status.Leftovers.Count > 0)
            html.Append("<h2>Left behind</h2><ul>").AppendJoin("", status.Leftovers.Select(l => $"<li class=\"arn\">{DashboardHtml.Encode(l)}</li>")).Append("</ul>");
        html.Append("<h2>Events</h2><table><thead><tr><th>time</th><th>event</th></tr></thead><tbody>");
        foreach (var (at, text) in Events(status).OrderBy(e => e.At))
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{EnvironmentListPage.Time(at)}</td><td>{DashboardHtml.Encode(text)}</td></tr>");
        return html.Append("</tbody></table>").ToString();
    }

    private static string Outputs(IReadOnlyDictionary<string, string> outputs) =>
        string.Concat(outputs.OrderBy(o => o.Key, StringComparer.Ordinal)
            .Select(o => $"<div>{DashboardHtml.Encode(o.Key)}: <span class=\"arn\">{DashboardHtml.Encode(o.Value)}</span></div>"));

    private static IEnumerable<(DateTimeOffset At, string Text)> Events(EnvironmentStatus status)
    {
        if (status.StartedAt is { } started) yield return (started, "run started");
        foreach (var stage in status.Stages)
        {
            if (stage.StartedAt is { } begin) yield return (begin, $"{stage.Stage} started");
            if (RunTimeline.EndOf(stage, status) is { } end)
                yield return (end, stage.Status == StageStatus.Failed
                    ? $"{stage.Stage} failed: {stage.Detail}"
                    : $"{stage.Stage} completed{(stage.Action is null ? "" : $" ({stage.Action})")}");
            if (stage.CompensatedAt is { } undone)
                yield return (undone, stage.Status == StageStatus.CompensationFailed ? $"{stage.Stage} compensation failed: {stage.Detail}" : $"{stage.Stage} compensated");
        }
        if (status.FinishedAt is { } finished) yield return (finished, $"run finished: {status.State}");
    }
}
