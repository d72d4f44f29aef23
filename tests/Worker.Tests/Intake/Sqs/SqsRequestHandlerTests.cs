using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Provisioner.Contracts;
using Provisioner.Worker.Common;
using Provisioner.Worker.Intake.Sqs;
using Provisioner.Worker.Tests.Infrastructure;

namespace Provisioner.Worker.Tests.Intake.Sqs;

/// <summary>What becomes of each message: accepted, dead-lettered with its reasons, left to the redrive policy, or a harmless duplicate.</summary>
[Collection("moto")]
public sealed class SqsRequestHandlerTests(MotoServer moto) : IDisposable
{
    private readonly TestQueues queues = new(moto);

    public void Dispose() => queues.Dispose();

    [Theory]
    [InlineData("{ \"environment\": ")]
    [InlineData("""{"environment":"tenant-x","aws":null}""")]
    public async Task HandleAsync_MalformedJson_DeadLetteredWithReasonsRejectedAndNothingPublished(string body)
    {
        var (queue, deadLetters) = (await queues.CreateAsync("requests"), await queues.CreateAsync("refused"));
        var messageId = await queues.SendAsync(queue, body);
        await using var host = await IntakeHost.StartAsync(moto, SqsRequestListenerTests.Settings(queue, deadLetters));

        var rejected = await host.Published.WaitForAsync<EnvironmentRequestRejected>();

        var dead = Assert.Single(await queues.ReceiveAllAsync(deadLetters));
        Assert.Equal(body, dead.Body);
        Assert.Equal("malformed", dead.MessageAttributes[SqsRequestHandler.RejectionAttribute].StringValue);
        Assert.Equal(messageId, dead.MessageAttributes[SqsRequestHandler.SourceMessageIdAttribute].StringValue);
        Assert.Equal("$", Assert.Single(rejected.Problems).Field);
        Assert.Contains("$", dead.MessageAttributes[SqsRequestHandler.ProblemsAttribute].StringValue, StringComparison.Ordinal);
        await queues.WaitUntilEmptyAsync(queue);
        Assert.Empty(host.Published.Of<ProvisionEnvironment>());
    }

    [Fact]
    public async Task HandleAsync_InvalidRequest_DeadLetteredWithEveryProblemRejectedAndNothingPublished()
    {
        var (queue, deadLetters) = (await queues.CreateAsync("requests"), await queues.CreateAsync("refused"));
        var environment = IntakeJson.Environment();
        await queues.SendAsync(queue, IntakeJson.Invalid(environment));
        await using var host = await IntakeHost.StartAsync(moto, SqsRequestListenerTests.Settings(queue, deadLetters));

        var rejected = await host.Published.WaitForAsync<EnvironmentRequestRejected>();

        Assert.Equal(environment, rejected.Environment);
        Assert.Equal(["aws.region", "bucket.name"], rejected.Problems.Select(p => p.Field).Distinct().Order(StringComparer.Ordinal));
        var dead = Assert.Single(await queues.ReceiveAllAsync(deadLetters));
        Assert.Equal("invalid", dead.MessageAttributes[SqsRequestHandler.RejectionAttribute].StringValue);
        var problems = JsonSerializer.Deserialize<List<RequestProblem>>(dead.MessageAttributes[SqsRequestHandler.ProblemsAttribute].StringValue,
            new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
        Assert.Equal(rejected.Problems, problems);
        Assert.Equal(rejected.RequestId.ToString(), dead.MessageAttributes[SqsRequestHandler.RequestIdAttribute].StringValue);
        await queues.WaitUntilEmptyAsync(queue);
        Assert.Empty(host.Published.Of<ProvisionEnvironment>());
    }

    [Theory]
    [InlineData("{\"environment\":\"x\\n[INF] Provisioned tenant-z\",\"aws\":{\"region\":\"us-east-2\"}}")]
    [InlineData("{\"environment\":\"tenant-x\",\"aws\":{\"region\":\"us-east-2\\r\\n[INF] forged\"}}")]
    [InlineData("{\"environment\":\"tenant-x\",\"evil\\n[INF] forged\":1}")]
    public async Task HandleAsync_NewlinesInTheRequest_NoLogLineBroken(string body)
    {
        var (queue, deadLetters) = (await queues.CreateAsync("requests"), await queues.CreateAsync("refused"));
        await queues.SendAsync(queue, body);
        var logs = new CapturingLoggerProvider();
        await using var host = await IntakeHost.StartAsync(moto, SqsRequestListenerTests.Settings(queue, deadLetters), logs: logs);

        await host.Published.WaitForAsync<EnvironmentRequestRejected>();

        var refusal = Assert.Single(logs.Lines, l => l.Text.StartsWith("Refused a", StringComparison.Ordinal));
        Assert.DoesNotContain('\n', refusal.Text);
        Assert.DoesNotContain('\r', refusal.Text);
        Assert.Contains("\\u000a", refusal.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandleAsync_InvalidRequestWithoutDeadLetterQueue_LeftToTheRedrivePolicy()
    {
        var redriveTarget = await queues.CreateAsync("redrive");
        var queue = await queues.CreateAsync("requests", new Dictionary<string, string>
        {
            ["RedrivePolicy"] = $$"""{"deadLetterTargetArn":"{{await queues.ArnAsync(redriveTarget)}}","maxReceiveCount":"2"}""",
        });
        await queues.SendAsync(queue, IntakeJson.Invalid(IntakeJson.Environment()));
        await using var host = await IntakeHost.StartAsync(moto, SqsRequestListenerTests.Settings(queue, visibility: 3));

        await host.Published.WaitForAsync<EnvironmentRequestRejected>();
        Assert.Equal(1, await queues.CountAsync(queue)); // refused, not deleted

        var moved = await WaitForAsync(() => queues.ReceiveAllAsync(redriveTarget), TimeSpan.FromSeconds(20));
        Assert.Single(moved);
        Assert.Empty(host.Published.Of<ProvisionEnvironment>());
    }

    [Theory]
    [InlineData(null, "default")]
    [InlineData("team-a", "team-a")]
    public async Task HandleAsync_ValidRequest_ActsForTheQueuesTenantNeverAsAdmin(string? tenant, string expected)
    {
        var queue = await queues.CreateAsync("requests");
        await queues.SendAsync(queue, IntakeJson.Request(IntakeJson.Environment()));
        var settings = SqsRequestListenerTests.Settings(queue);
        if (tenant is not null) settings["Intake:Sqs:Tenant"] = tenant;
        await using var host = await IntakeHost.StartAsync(moto, settings);

        var command = await host.Published.WaitForAsync<ProvisionEnvironment>();

        Assert.Equal(new Caller(SqsRequestHandler.Client, expected, false), command.Caller);
    }

    [Fact]
    public async Task HandleAsync_RequestWithoutId_IdDerivedFromMessageId()
    {
        var queue = await queues.CreateAsync("requests");
        var messageId = await queues.SendAsync(queue, IntakeJson.Request(IntakeJson.Environment()));
        await using var host = await IntakeHost.StartAsync(moto, SqsRequestListenerTests.Settings(queue));

        var command = await host.Published.WaitForAsync<ProvisionEnvironment>();

        Assert.Equal(StableIds.From("sqs-message", messageId), command.RequestId);
    }

    [Fact]
    public async Task HandleAsync_SameMessageDeliveredTwice_BothPublishedWithOneRequestId()
    {
        var queue = await queues.CreateAsync("requests");
        var messageId = await queues.SendAsync(queue, IntakeJson.Request(IntakeJson.Environment()));
        // Visibility 0: SQS hands the same message out again, as it does when a consumer is too slow or dies.
        var firstDelivery = Assert.Single(await queues.ReceiveOnceAsync(queue, waitSeconds: 1, visibility: 0));
        var secondDelivery = Assert.Single(await queues.ReceiveOnceAsync(queue, waitSeconds: 1, visibility: 0));
        Assert.NotEqual(firstDelivery.ReceiptHandle, secondDelivery.ReceiptHandle);
        await using var host = await IntakeHost.StartAsync(moto, new Dictionary<string, string?>());
        var handler = host.Services.GetRequiredService<SqsRequestHandler>();
        var options = new SqsIntakeOptions { QueueUrl = queue, VisibilityTimeoutSeconds = 30 };

        Assert.Equal(SqsOutcome.Accepted, await handler.HandleAsync(queues.Sqs, options, firstDelivery, default));
        Assert.Equal(SqsOutcome.Accepted, await handler.HandleAsync(queues.Sqs, options, secondDelivery, default));

        var ids = host.Published.Of<ProvisionEnvironment>().Select(c => c.RequestId).ToList();
        Assert.Equal([StableIds.From("sqs-message", messageId), StableIds.From("sqs-message", messageId)], ids);
        await queues.WaitUntilEmptyAsync(queue);
    }

    private static async Task<List<T>> WaitForAsync<T>(Func<Task<List<T>>> poll, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var found = await poll();
            if (found.Count > 0 || DateTime.UtcNow > deadline) return found;
            await Task.Delay(200);
        }
    }
}
