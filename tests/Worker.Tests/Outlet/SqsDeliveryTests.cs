using System.Text.Json;
using Provisioner.Contracts;
using Provisioner.Worker.Tests.Infrastructure;
using Provisioner.Worker.Tests.Intake;
using Provisioner.Worker.Tests.Intake.Api;
using Provisioner.Worker.Tests.Intake.Sqs;

namespace Provisioner.Worker.Tests.Outlet;

[Collection("moto")]
/// <summary>The SQS outlet: outbox rows delivered to a real queue (moto) by the dispatcher, as CloudEvents, in order per environment.</summary>
public sealed class SqsDeliveryTests(MotoServer moto) : IDisposable
{
    private readonly TestQueues queues = new(moto);

    public void Dispose() => queues.Dispose();

    private static Dictionary<string, string?> Settings(string queueUrl) => new()
    {
        ["Outlet:Sqs:QueueUrl"] = queueUrl,
        ["Outlet:Sqs:Region"] = "us-east-1",
        ["Outlet:Sqs:Source"] = "urn:test-provisioner",
    };

    /// <summary>Two environments' runs, interleaved as a busy worker would publish them.</summary>
    private static List<object> InterleavedRuns(string first, string second)
    {
        var at = DateTimeOffset.UtcNow;
        var (a, b) = (Guid.NewGuid(), Guid.NewGuid());
        var events = new List<object>();
        foreach (var (id, environment) in new[] { (a, first), (b, second) })
            events.Add(new EnvironmentRunStarted(id, environment, [StageNames.Bucket, StageNames.AccessPolicy, StageNames.Role], false, at));
        foreach (var stage in new[] { StageNames.Bucket, StageNames.AccessPolicy, StageNames.Role })
            foreach (var (id, environment) in new[] { (a, first), (b, second) })
                events.Add(new StageCompleted(id, environment, stage, "created", new Dictionary<string, string>(), at, at.AddSeconds(1)));
        events.Add(new EnvironmentProvisioned(a, first, new Dictionary<string, IReadOnlyDictionary<string, string>>(), at));
        events.Add(new EnvironmentRolledBack(b, second, StageNames.Role, "refused", at));
        return events;
    }

    [Fact]
    public async Task Deliver_FifoQueue_EventsArriveInWrittenOrderPerEnvironmentAsCloudEvents()
    {
        var queue = await queues.CreateAsync("outlet", fifo: true);
        var (first, second) = (IntakeJson.Environment(), IntakeJson.Environment());
        var events = InterleavedRuns(first, second);
        await using var host = await IntakeHost.StartAsync(moto, Settings(queue));

        foreach (var e in events) await host.WriteAsync(e);

        var received = (await queues.DrainAsync(queue, events.Count)).Select(m => JsonDocument.Parse(m.Body).RootElement).ToList();
        Assert.Equal(events.Count, received.Count);
        foreach (var environment in new[] { first, second })
            Assert.Equal(events.Where(e => Subject(e) == environment).Select(Describe),
                received.Where(r => r.GetProperty("subject").GetString() == environment).Select(Describe));
        foreach (var envelope in received)
        {
            Assert.Equal("1.0", envelope.GetProperty("specversion").GetString());
            Assert.StartsWith("milvus.provisioner.", envelope.GetProperty("type").GetString(), StringComparison.Ordinal);
            Assert.Equal("urn:test-provisioner", envelope.GetProperty("source").GetString());
            Assert.True(Guid.TryParse(envelope.GetProperty("id").GetString(), out _));
            Assert.True(envelope.GetProperty("time").TryGetDateTimeOffset(out _));
            Assert.Equal("application/json", envelope.GetProperty("datacontenttype").GetString());
            Assert.Equal(envelope.GetProperty("subject").GetString(), envelope.GetProperty("data").GetProperty("environment").GetString());
        }
        Assert.Equal(events.Count, received.Select(r => r.GetProperty("id").GetString()).Distinct().Count());
    }

    [Fact]
    public async Task Deliver_StandardQueue_EveryEventArrivesInWrittenOrder()
    {
        var queue = await queues.CreateAsync("outlet");
        var events = InterleavedRuns(IntakeJson.Environment(), IntakeJson.Environment());
        await using var host = await IntakeHost.StartAsync(moto, Settings(queue));

        foreach (var e in events) await host.WriteAsync(e);

        var received = (await queues.DrainAsync(queue, events.Count)).Select(m => Describe(JsonDocument.Parse(m.Body).RootElement)).ToList();
        // One environment's rows go one at a time in written order (environments in parallel); a standard queue may still
        // reorder on delivery (moto does not).
        Assert.Equal(events.Count, received.Count);
        foreach (var environment in events.Select(Subject).Distinct())
            Assert.Equal(events.Where(e => Subject(e) == environment).Select(Describe), received.Where(r => r.StartsWith(environment + " ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Deliver_SameEventWrittenTwiceToFifoQueue_DeliveredOnce()
    {
        var queue = await queues.CreateAsync("outlet", fifo: true);
        var outcome = new EnvironmentProvisioned(Guid.NewGuid(), IntakeJson.Environment(),
            new Dictionary<string, IReadOnlyDictionary<string, string>>(), DateTimeOffset.UtcNow);
        await using var host = await IntakeHost.StartAsync(moto, Settings(queue));

        await host.WriteAsync(outcome);
        await host.WriteAsync(outcome);

        // Counted before receiving: moto, unlike SQS, forgets a deduplication id once its message is deleted.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (await queues.CountAsync(queue) == 0 && DateTime.UtcNow < deadline) await Task.Delay(100);
        await Task.Delay(1000);
        Assert.Equal(1, await queues.CountAsync(queue));
    }

    [Fact]
    public async Task Run_ThroughTheSaga_EveryStageEventAndTheOutcomeInOrder()
    {
        var queue = await queues.CreateAsync("outlet", fifo: true);
        await using var host = await ApiTestHost.StartAsync(Settings(queue), moto);
        var environment = IntakeJson.Environment();

        using var response = await host.Http.SendAsync(HttpMethod.Post, "/environments", IntakeJson.Request(environment));

        var received = (await queues.DrainAsync(queue, 6)).Select(m => Describe(JsonDocument.Parse(m.Body).RootElement));
        Assert.Equal(new[] { "EnvironmentRunStarted", "StageCompleted bucket", "StageCompleted access-policy", "StageCompleted role",
            "StageCompleted verify", "EnvironmentProvisioned" }.Select(e => $"{environment} {e}"), received);
    }

    private static string Subject(object e) => (string)e.GetType().GetProperty("Environment")!.GetValue(e)!;

    private static string Describe(object e) => e is StageCompleted s ? $"{Subject(e)} StageCompleted {s.Stage}" : $"{Subject(e)} {e.GetType().Name}";

    private static string Describe(JsonElement envelope)
    {
        var type = envelope.GetProperty("type").GetString()!["milvus.provisioner.".Length..];
        var subject = envelope.GetProperty("subject").GetString();
        return type == nameof(StageCompleted) ? $"{subject} {type} {envelope.GetProperty("data").GetProperty("stage").GetString()}" : $"{subject} {type}";
    }
}
