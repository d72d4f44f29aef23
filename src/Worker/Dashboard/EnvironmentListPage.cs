using System.Globalization;
using System.Text;
using Provisioner.Contracts;
using Provisioner.Worker.Intake.Api;

namespace Provisioner.Worker.Dashboard;

/// <summary>The caller's tenant's environments (an admin's: every tenant's) with their state and their last run.</summary>
public static class EnvironmentListPage
{
    public static string Html(ApiClient client, IReadOnlyList<EnvironmentStatus> environments)
    {
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture,
            $"<p class=\"muted\">Signed in as client <code>{DashboardHtml.Encode(client.Name)}</code> of tenant <code>{DashboardHtml.Encode(client.Tenant)}</code>{(client.Admin ? " (admin: every tenant)" : "")}.</p>");
        if (environments.Count == 0) return html.Append("<p>No environments yet.</p>").ToString();
        html.Append("<table><thead><tr><th>environment</th><th>state</th><th>failed stage</th><th>started</th><th>finished</th></tr></thead><tbody>");
        foreach (var status in environments)
            html.Append(CultureInfo.InvariantCulture, $"""
                <tr><td><a href="{DashboardRoutes.Root}/environments/{DashboardHtml.Encode(Uri.EscapeDataString(status.Environment))}">{DashboardHtml.Encode(status.Environment)}</a></td>
                <td>{State(status.State)}</td><td>{DashboardHtml.Encode(status.FailedStage)}</td>
                <td>{Time(status.StartedAt)}</td><td>{Time(status.FinishedAt)}</td></tr>
                """);
        return html.Append("</tbody></table>").ToString();
    }

    public static string State(string state) =>
        $"<span class=\"state state-{DashboardHtml.Encode(state)}\">{DashboardHtml.Encode(state)}</span>";

    public static string Time(DateTimeOffset? at) =>
        at is { } time ? DashboardHtml.Encode(time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture)) : "";
}
