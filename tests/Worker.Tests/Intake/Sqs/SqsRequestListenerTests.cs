using System.Globalization;
using Provisioner.Contracts;
using Provisioner.Worker.Common;
using Provisioner.Worker.Tests.Infrastructure;

namespace Provisioner.Worker.Tests.Intake.Sqs;

[Collection("moto")]
public sealed class SqsRequestListenerTests(MotoServer moto) : IDisposable
{
    private readonly TestQueues queues = new(moto);

    public void Dispose() => queues.Dispose();

    internal static Dictionary<string, string?> Settings(string queueUrl, string? deadLetterUrl = null, int visibility = 30, int concurrency = 4) => new()
    {
        ["Intake:Sqs:QueueUrl"] = queueUrl,
        ["Intake:Sqs:DeadLetterQueueUrl"] = deadLetterUrl,
        ["Intake:Sqs:Region"] = "us-east-1",
        ["Intake:Sqs:WaitTimeSeconds"] = "1",
        ["Intake:Sqs:VisibilityTimeoutSeconds"] = visibility.ToString(CultureInfo.InvariantCulture),
        ["Intake:Sqs:MaxConcurrency"] = concurrency.ToString(CultureInfo.InvariantCulture),
    };

    [Fact]
    public async Task Listen_ValidRequest_PublishesCommandAndDeletesMessage()
    {
        var queue = await queues.CreateAsync("requests");
        var environment = IntakeJson.Environment();
        var requestId = Guid.NewGuid();
        await queues.SendAsync(queue, IntakeJson.Request(environment, requestId));
        await using var host = await IntakeHost.StartAsync(moto, Settings(queue));

        var command = await host.Published.WaitForAsync<ProvisionEnvironment>();

        Assert.Equal(requestId, command.RequestId);
        Assert.Equal(environment, command.Request.Environment);
        await queues.WaitUntilEmptyAsync(queue);
        Assert.Empty(host.Published.Of<EnvironmentRequestRejected>());
    }

    [Fact]
    public async Task Listen_StoppedAfterReceivingBeforeAccepting_MessageComesBackAndIsAcceptedOnce()
    {
        var queue = await queues.CreateAsync("requests");
        var messageId = await queues.SendAsync(queue, IntakeJson.Request(IntakeJson.Environment()));
        var received = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = await IntakeHost.StartAsync(moto, Settings(queue, visibility: 30), p => p.BeforePublish = async (m, ct) =>
        {
            if (m is not ProvisionEnvironment) return;
            received.TrySetResult();
            await Task.Delay(Timeout.Infinite, ct);
        });
        await received.Task.WaitAsync(TimeSpan.FromSeconds(20));

        await first.DisposeAsync();
        await using var second = await IntakeHost.StartAsync(moto, Settings(queue));

        var command = await second.Published.WaitForAsync<ProvisionEnvironment>();
        Assert.Equal(StableIds.From("sqs-message", messageId), command.RequestId);
        await queues.WaitUntilEmptyAsync(queue);
        Assert.Empty(first.Published.Of<ProvisionEnvironment>());
        Assert.Single(second.Published.Of<ProvisionEnvironment>());
    }

    [Fact]
    public async Task Listen_PublishSlowerThanVisibilityTimeout_MessageStaysHiddenUntilAccepted()
    {
        var queue = await queues.CreateAsync("requests");
        await queues.SendAsync(queue, IntakeJson.Request(IntakeJson.Environment()));
        var holding = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var host = await IntakeHost.StartAsync(moto, Settings(queue, visibility: 3), p => p.BeforePublish = async (m, ct) =>
        {
            if (m is not ProvisionEnvironment) return;
            holding.TrySetResult();
            await Task.Delay(TimeSpan.FromSeconds(8), ct);
        });
        await holding.Task.WaitAsync(TimeSpan.FromSeconds(20));

        // Another consumer polling through two whole visibility timeouts must not be given the message.
        var stolen = new List<Amazon.SQS.Model.Message>();
        for (var until = DateTime.UtcNow.AddSeconds(6.5); DateTime.UtcNow < until;) stolen.AddRange(await queues.ReceiveAllAsync(queue, waitSeconds: 1));

        Assert.Empty(stolen);
        await host.Published.WaitForAsync<ProvisionEnvironment>();
        await queues.WaitUntilEmptyAsync(queue);
        Assert.Single(host.Published.Of<ProvisionEnvironment>());
    }

    [Fact]
    public async Task Listen_ManyMessages_EachAcceptedOnceWithinMaxConcurrency()
    {
        var queue = await queues.CreateAsync("requests");
        for (var i = 0; i < 12; i++) await queues.SendAsync(queue, IntakeJson.Request(IntakeJson.Environment()));
        var (running, most) = (0, 0);
        await using var host = await IntakeHost.StartAsync(moto, Settings(queue, concurrency: 3), p => p.BeforePublish = async (m, ct) =>
        {
            if (m is not ProvisionEnvironment) return;
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref most, now);
            await Task.Delay(300, ct);
            Interlocked.Decrement(ref running);
        });

        await queues.WaitUntilEmptyAsync(queue, TimeSpan.FromSeconds(30));

        Assert.Equal(12, host.Published.Of<ProvisionEnvironment>().Select(c => c.RequestId).Distinct().Count());
        Assert.InRange(most, 2, 3);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        for (var seen = Volatile.Read(ref target); value > seen; seen = Volatile.Read(ref target))
            if (Interlocked.CompareExchange(ref target, value, seen) == seen) return;
    }
}
