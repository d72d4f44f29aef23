using System.Diagnostics;
using Provisioner.Contracts;
using Provisioner.Worker.Tests.Infrastructure;
using Provisioner.Worker.Tests.Intake;

namespace Provisioner.Worker.Tests.Outlet.Ticketing;

/// <summary>Ticket callbacks: outbox rows POSTed, signed, to a real HTTP receiver, in order per environment, retried, never blocking.</summary>
public sealed class TicketDeliveryTests
{
    private const string Secret = "callback-secret-for-tests";

    private static Dictionary<string, string?> Settings(string timeout = "00:00:05") => new()
    {
        ["Ticketing:Secret"] = Secret,
        ["Ticketing:AllowedCallbackHosts"] = "127.0.0.1",
        ["Ticketing:AllowPrivateNetworks"] = "true",
        ["Ticketing:InitialBackoff"] = "00:00:00.100",
        ["Ticketing:MaxBackoff"] = "00:00:00.400",
        ["Ticketing:Timeout"] = timeout,
    };

    private static TicketReference Ticket(Uri callbackUrl, string key = "OPS-7") =>
        new() { System = "jira", Key = key, CallbackUrl = callbackUrl.ToString() };

    private static List<object> Run(Guid id, string environment)
    {
        var at = DateTimeOffset.UtcNow;
        return
        [
            new EnvironmentRunStarted(id, environment, [StageNames.Bucket, StageNames.Role], false, at),
            new StageCompleted(id, environment, StageNames.Bucket, "created", new Dictionary<string, string> { ["name"] = "b" }, at, at),
            new StageFailed(id, environment, StageNames.Role, "refused", at, at),
            new StageCompensated(id, environment, StageNames.Bucket, "deleted", null, at),
            new EnvironmentRolledBack(id, environment, StageNames.Role, "refused", at),
        ];
    }

    [Fact]
    public async Task Deliver_TicketedRun_EveryCallbackSignedInOrderWithItsContent()
    {
        await using var receiver = await CallbackReceiver.StartAsync();
        await using var host = await IntakeHost.StartAsync(null, Settings());
        var (id, environment) = (Guid.NewGuid(), IntakeJson.Environment());
        var ticket = Ticket(new Uri(receiver.Url, "OPS-7"));
        await host.WriteAsync(new EnvironmentRunStarted(Guid.NewGuid(), "unticketed", [], false, DateTimeOffset.UtcNow));

        foreach (var e in Run(id, environment)) await host.WriteAsync(e, ticket);

        var callbacks = await receiver.WaitForAsync(5);
        Assert.Equal(["EnvironmentRunStarted", "StageCompleted", "StageFailed", "StageCompensated", "EnvironmentRolledBack"],
            callbacks.Select(c => c.EventType));
        Assert.All(callbacks, c => Assert.True(SignatureVerifier.IsValid(Secret, c.Signature, c.Body, TimeSpan.FromMinutes(5))));
        Assert.All(callbacks, c =>
        {
            Assert.Equal("/hooks/OPS-7", c.Path);
            Assert.Equal("jira", c.Json.GetProperty("ticket").GetProperty("system").GetString());
            Assert.Equal("OPS-7", c.Json.GetProperty("ticket").GetProperty("key").GetString());
            Assert.Equal(id.ToString(), c.Json.GetProperty("event").GetProperty("data").GetProperty("requestId").GetString());
            Assert.Equal(environment, c.Json.GetProperty("event").GetProperty("subject").GetString());
            Assert.Equal(c.EventId, c.Json.GetProperty("event").GetProperty("id").GetString());
        });
        Assert.Equal([false, false, false, false, true], callbacks.Select(c => c.Json.GetProperty("final").GetBoolean()));
        await Task.Delay(300);
        Assert.Equal(5, receiver.Attempts); // nothing for the request without a ticket
    }

    [Fact]
    public async Task Deliver_TokenInTheCallbackPath_NoLogLineHasThePathOnlyTheHost()
    {
        await using var receiver = await CallbackReceiver.StartAsync();
        var logs = new CapturingLoggerProvider();
        await using var host = await IntakeHost.StartAsync(null, Settings(), logs: logs);
        const string pathToken = "hook-token-a1b2c3d4e5";

        await host.WriteAsync(Run(Guid.NewGuid(), IntakeJson.Environment())[0], Ticket(new Uri(receiver.Url, pathToken)));

        Assert.Single(await receiver.WaitForAsync(1));
        await Task.Delay(200);
        Assert.DoesNotContain(logs.Lines, l => l.Text.Contains(pathToken, StringComparison.Ordinal));
        Assert.Contains(logs.Lines, l => l.Text.Contains($"delivered to {receiver.Url.Authority}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Deliver_HostNoLongerAllowed_GivenUpWithoutCalling()
    {
        await using var receiver = await CallbackReceiver.StartAsync();
        var logs = new CapturingLoggerProvider();
        await using var host = await IntakeHost.StartAsync(null, new Dictionary<string, string?>(Settings()) { ["Ticketing:AllowedCallbackHosts"] = "hooks.example.com" },
            logs: logs);

        await host.WriteAsync(Run(Guid.NewGuid(), IntakeJson.Environment())[0], Ticket(new Uri(receiver.Url, "OPS-7")));

        await Eventually.TrueAsync(() => logs.Lines.Any(l => l.Text.Contains("is not in Ticketing:AllowedCallbackHosts", StringComparison.Ordinal)), "the callback given up");
        Assert.Equal(0, receiver.Attempts);
    }

    [Fact]
    public async Task Deliver_ReceiverFailingForAWhile_EveryCallbackDeliveredLaterOnceInOrder()
    {
        await using var receiver = await CallbackReceiver.StartAsync();
        var failUntil = DateTime.UtcNow.AddSeconds(2);
        receiver.Respond = (_, _) => Task.FromResult(DateTime.UtcNow < failUntil ? 503 : 200);
        await using var host = await IntakeHost.StartAsync(null, Settings());
        var (id, environment) = (Guid.NewGuid(), IntakeJson.Environment());
        var ticket = Ticket(new Uri(receiver.Url, "OPS-7"));

        foreach (var e in Run(id, environment)) await host.WriteAsync(e, ticket);

        var callbacks = await receiver.WaitForAsync(5, TimeSpan.FromSeconds(20));
        Assert.Equal(["EnvironmentRunStarted", "StageCompleted", "StageFailed", "StageCompensated", "EnvironmentRolledBack"],
            callbacks.Select(c => c.EventType));
        Assert.True(receiver.Attempts > 5, $"only {receiver.Attempts} attempts: the receiver never failed");
        Assert.All(callbacks, c => Assert.True(c.At >= failUntil));
        Assert.All(callbacks, c => Assert.True(SignatureVerifier.IsValid(Secret, c.Signature, c.Body, TimeSpan.FromMinutes(5))));
    }

    [Fact]
    public async Task Deliver_ReceiverHangs_WritingNotDelayedAndOtherEnvironmentsStillCalledBack()
    {
        await using var hanging = await CallbackReceiver.StartAsync();
        hanging.Respond = async (_, ct) =>
        {
            await Task.Delay(Timeout.Infinite, ct);
            return 200;
        };
        await using var healthy = await CallbackReceiver.StartAsync();
        await using var host = await IntakeHost.StartAsync(null, Settings(timeout: "00:01:00"));
        var (stuck, fine) = (Guid.NewGuid(), Guid.NewGuid());
        var (stuckTicket, fineTicket) = (Ticket(new Uri(hanging.Url, "OPS-1"), "OPS-1"), Ticket(new Uri(healthy.Url, "OPS-2"), "OPS-2"));

        var clock = Stopwatch.StartNew();
        for (var i = 0; i < 20; i++)
            foreach (var e in Run(stuck, "stuck")) await host.WriteAsync(e, stuckTicket);
        clock.Stop();
        foreach (var e in Run(fine, "fine")) await host.WriteAsync(e, fineTicket);

        // 100 events against a receiver that holds each call for a minute: blocking would take hours, not seconds.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"writing took {clock.Elapsed}");
        Assert.Equal(5, (await healthy.WaitForAsync(5)).Count);
        Assert.Equal(1, hanging.Attempts);
    }
}
