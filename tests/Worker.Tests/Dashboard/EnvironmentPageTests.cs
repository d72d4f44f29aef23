using Provisioner.Contracts;
using Provisioner.Worker.Dashboard;
using Provisioner.Worker.Intake.Api;

namespace Provisioner.Worker.Tests.Dashboard;

/// <summary>The pages' HTML from status documents no request could produce: every dynamic text is encoded.</summary>
public sealed class EnvironmentPageTests
{
    private const string Hostile = "\"><script>alert(1)</script><img src=x onerror=alert(2)>";
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Html_HostileTextEverywhere_IsEncoded()
    {
        var status = new EnvironmentStatus(Guid.NewGuid(), Hostile, "rolled-back", Hostile, Hostile,
        [
            new StageRecord(StageNames.Bucket, StageStatus.Compensated, "created", new Dictionary<string, string> { [Hostile] = Hostile },
                Start, Start.AddSeconds(2), Start.AddSeconds(9), null),
            new StageRecord(Hostile, StageStatus.Failed, Hostile, new Dictionary<string, string>(), Start.AddSeconds(2), Start.AddSeconds(5), null, Hostile),
        ], [Hostile], Start, Start.AddSeconds(10));
        var client = new ApiClient(Hostile, Hostile, new HashSet<string>());

        var pages = EnvironmentPage.Html(status) + EnvironmentListPage.Html(client, [status]);

        Assert.DoesNotContain("<script", pages, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", pages, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("onerror=alert(2)>", pages, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", pages, StringComparison.Ordinal);
    }

    [Fact]
    public void Html_RolledBackRun_MarksFailureCompensationAndDurations()
    {
        var status = new EnvironmentStatus(Guid.NewGuid(), "env-a", "rolled-back", StageNames.Role, "role refused",
        [
            new StageRecord(StageNames.Bucket, StageStatus.Compensated, "created", new Dictionary<string, string> { ["arn"] = "arn:aws:s3:::milvus-env-a" },
                Start, Start.AddSeconds(2), Start.AddSeconds(9), null),
            new StageRecord(StageNames.Role, StageStatus.Failed, null, new Dictionary<string, string>(), Start.AddSeconds(2), Start.AddSeconds(5), null, "role refused"),
        ], [], Start, Start.AddSeconds(10));

        var html = EnvironmentPage.Html(status);

        Assert.Contains("data-status=\"compensated\"", html, StringComparison.Ordinal);
        Assert.Contains("data-status=\"failed\"", html, StringComparison.Ordinal);
        Assert.Contains("class=\"compensation\"", html, StringComparison.Ordinal);
        Assert.Contains("2.0 s", html, StringComparison.Ordinal);
        Assert.Contains("arn:aws:s3:::milvus-env-a", html, StringComparison.Ordinal);
        Assert.Contains("role failed: role refused", html, StringComparison.Ordinal);
    }
}
