using System.Text.Json;
using Provisioner.Contracts;
using Provisioner.Worker.Cli;
using Provisioner.Worker.Tests.Infrastructure;

namespace Provisioner.Worker.Tests.Cli;

public sealed class RunProgressTests
{
    private static readonly Guid RequestId = Guid.NewGuid();
    private static readonly DateTimeOffset T0 = new(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);

    /// <summary>A run that creates the bucket and the policy, fails at the role, and undoes both.</summary>
    private static readonly object[] RolledBack =
    [
        new EnvironmentRunStarted(RequestId, "demo", ["bucket", "access-policy", "role"], false, T0),
        new StageCompleted(RequestId, "demo", "bucket", "created", new Dictionary<string, string>(), T0, T0.AddSeconds(1.5)),
        new StageCompleted(RequestId, "demo", "access-policy", "created", new Dictionary<string, string>(), T0.AddSeconds(1.5), T0.AddSeconds(2)),
        new StageFailed(RequestId, "demo", "role", "MalformedPolicyDocument: bad", T0.AddSeconds(2), T0.AddSeconds(3)),
        new StageCompensated(RequestId, "demo", "access-policy", "deleted", null, T0.AddSeconds(4)),
        new StageCompensated(RequestId, "demo", "bucket", "deleted", "created by this run", T0.AddSeconds(5)),
        new EnvironmentRolledBack(RequestId, "demo", "role", "MalformedPolicyDocument: bad", T0.AddSeconds(5)),
    ];

    [Fact]
    public void OnEvent_NotATerminal_OnePlainLinePerEventWithTheStageInWords()
    {
        var lines = Render(ProgressMode.Lines).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(RolledBack.Length, lines.Length);
        Assert.Equal("10:00:00.000 EnvironmentRunStarted stages: bucket, access-policy, role", lines[0]);
        Assert.EndsWith("StageCompleted bucket done: created (1.50 s)", lines[1], StringComparison.Ordinal);
        Assert.EndsWith("StageFailed role failed: MalformedPolicyDocument: bad", lines[3], StringComparison.Ordinal);
        Assert.EndsWith("StageCompensated bucket compensated: deleted (created by this run)", lines[5], StringComparison.Ordinal);
        Assert.Contains("EnvironmentRolledBack {", lines[6], StringComparison.Ordinal);
        Assert.Contains("\"failedStage\":\"role\"", lines[6], StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', string.Concat(lines));
    }

    [Fact]
    public void OnEvent_JsonOutput_OneJsonObjectPerEventWithTimeTypeAndEvent()
    {
        var lines = Render(ProgressMode.Json).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(RolledBack.Length, lines.Length);
        var objects = lines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(RolledBack.Select(e => e.GetType().Name), objects.Select(o => o.GetProperty("type").GetString()));
        Assert.All(objects, o => Assert.Equal(T0, o.GetProperty("time").GetDateTimeOffset()));
        Assert.Equal("created", objects[1].GetProperty("event").GetProperty("action").GetString());
        Assert.Equal(RequestId, objects[6].GetProperty("event").GetProperty("requestId").GetGuid());
    }

    [Fact]
    public void OnEvent_Terminal_StageListRedrawnInPlaceEndingWithTheOutcome()
    {
        var text = Render(ProgressMode.Live);

        Assert.Contains("\u001b[3A", text, StringComparison.Ordinal);
        var last = text.Split("\u001b[3A")[^1];
        Assert.Matches(@"↩ bucket +compensated +deleted", last);
        Assert.Matches(@"↩ access-policy +compensated +deleted", last);
        Assert.Matches(@"✘ role +failed", last);
        Assert.Contains("EnvironmentRolledBack {", last, StringComparison.Ordinal);
    }

    private static string Render(ProgressMode mode)
    {
        using var output = new StringWriter();
        using (var progress = new RunProgress(output, mode, new ManualClock(T0)))
            foreach (var message in RolledBack)
                progress.OnEvent(message, message is EnvironmentRolledBack);
        return output.ToString().Replace("\r", "", StringComparison.Ordinal);
    }
}
