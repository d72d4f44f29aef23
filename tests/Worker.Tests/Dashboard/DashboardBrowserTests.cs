using Provisioner.Worker.Tests.Infrastructure;
using Provisioner.Worker.Tests.Intake;
using Provisioner.Worker.Tests.Intake.Api;
using Xunit.Abstractions;

namespace Provisioner.Worker.Tests.Dashboard;

/// <summary>
/// The dashboard in a real headless Chromium: a provisioned and a rolled-back environment rendered under the page's
/// Content-Security-Policy, and screenshots of both pages under <c>TestResults/</c>.
/// </summary>
public sealed class DashboardBrowserTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Chromium_ProvisionedAndRolledBackEnvironments_RenderWithinThePolicy()
    {
        await using var host = await ApiTestHost.StartAsync();
        var (provisioned, rolledBack) = (IntakeJson.Environment(), IntakeJson.Environment());
        Assert.Equal("provisioned", await host.Http.ProvisionAsync(provisioned));
        host.Role.FailCreate = new InvalidOperationException("the role was refused: <b>MalformedPolicyDocument</b>");
        Assert.Equal("rolled-back", await host.Http.ProvisionAsync(rolledBack));
        var root = host.Http.BaseAddress!;

        var (list, listLog) = await HeadlessChromium.DumpDomAsync(new Uri(root, "/ui"));
        var (failed, failedLog) = await HeadlessChromium.DumpDomAsync(new Uri(root, $"/ui/environments/{rolledBack}"));
        var (done, _) = await HeadlessChromium.DumpDomAsync(new Uri(root, $"/ui/environments/{provisioned}"));
        var screenshot = RepositoryRoot.Combine("TestResults", "dashboard.png");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        File.Delete(screenshot);
        var shotLog = await HeadlessChromium.ScreenshotAsync(new Uri(root, $"/ui/environments/{rolledBack}"), screenshot);
        await HeadlessChromium.ScreenshotAsync(new Uri(root, "/ui"), RepositoryRoot.Combine("TestResults", "dashboard-list.png"));

        Assert.Contains($">{provisioned}</a>", list, StringComparison.Ordinal);
        Assert.Contains($">{rolledBack}</a>", list, StringComparison.Ordinal);
        Assert.Contains("state-rolled-back", list, StringComparison.Ordinal);
        Assert.Contains("state-provisioned", list, StringComparison.Ordinal);
        Assert.Contains("data-status=\"failed\"", failed, StringComparison.Ordinal);
        Assert.Contains("data-status=\"compensated\"", failed, StringComparison.Ordinal);
        Assert.Contains("class=\"compensation\"", failed, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;MalformedPolicyDocument&lt;/b&gt;", failed, StringComparison.Ordinal);
        Assert.DoesNotContain("data-status=\"failed\"", done, StringComparison.Ordinal);
        Assert.Contains("data-status=\"completed\"", done, StringComparison.Ordinal);
        foreach (var log in new[] { listLog, failedLog, shotLog })
            Assert.DoesNotContain("Content Security Policy", log, StringComparison.OrdinalIgnoreCase);
        Assert.True(new FileInfo(screenshot) is { Exists: true, Length: > 10_000 }, $"no screenshot at {screenshot}: {shotLog}");
        output.WriteLine($"screenshot: {screenshot} ({new FileInfo(screenshot).Length} bytes)");
    }
}
