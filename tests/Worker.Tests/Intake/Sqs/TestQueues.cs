using Amazon.SQS;
using Amazon.SQS.Model;
using Microsoft.Extensions.Options;
using Provisioner.Worker.Aws;
using Provisioner.Worker.Tests.Infrastructure;

namespace Provisioner.Worker.Tests.Intake.Sqs;

/// <summary>Queues on moto, named per test so tests sharing the server never see each other's messages.</summary>
internal sealed class TestQueues(MotoServer moto) : IDisposable
{
    private readonly SqsClients clients = new(Options.Create(moto.Options), moto.Credentials);

    public IAmazonSQS Sqs => clients.For("us-east-1");

    public async Task<string> CreateAsync(string prefix, Dictionary<string, string>? attributes = null, bool fifo = false)
    {
        var name = $"{prefix}-{Guid.NewGuid():N}";
        name = name[..Math.Min(name.Length, 40)] + (fifo ? ".fifo" : "");
        var all = new Dictionary<string, string>(attributes ?? []);
        if (fifo) all["FifoQueue"] = "true";
        return (await Sqs.CreateQueueAsync(new CreateQueueRequest { QueueName = name, Attributes = all })).QueueUrl;
    }

    public async Task<string> ArnAsync(string queueUrl) =>
        (await Sqs.GetQueueAttributesAsync(queueUrl, ["QueueArn"])).Attributes["QueueArn"];

    public async Task<string> SendAsync(string queueUrl, string body) =>
        (await Sqs.SendMessageAsync(queueUrl, body)).MessageId;

    /// <summary>Everything currently visible (hidden for 30 s), with message attributes; waits up to <paramref name="waitSeconds"/> for the first.</summary>
    public async Task<List<Message>> ReceiveAllAsync(string queueUrl, int waitSeconds = 1)
    {
        var all = new List<Message>();
        while (await ReceiveOnceAsync(queueUrl, all.Count == 0 ? waitSeconds : 0, visibility: 30) is { Count: > 0 } messages) all.AddRange(messages);
        return all;
    }

    /// <summary>One receive call; with visibility 0 the messages stay visible, so the next call gets them again.</summary>
    public async Task<List<Message>> ReceiveOnceAsync(string queueUrl, int waitSeconds, int visibility)
    {
        var response = await Sqs.ReceiveMessageAsync(new ReceiveMessageRequest
        {
            QueueUrl = queueUrl, MaxNumberOfMessages = 10, WaitTimeSeconds = waitSeconds, MessageAttributeNames = ["All"],
            VisibilityTimeout = visibility,
        });
        return response.Messages ?? [];
    }

    /// <summary>
    /// Receives and deletes until <paramref name="expected"/> messages came or the time is up. Deleting as it goes lets a
    /// FIFO queue hand out the next message of a group.
    /// </summary>
    public async Task<List<Message>> DrainAsync(string queueUrl, int expected, TimeSpan? timeout = null)
    {
        var all = new List<Message>();
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (all.Count < expected && DateTime.UtcNow < deadline)
        {
            foreach (var message in await ReceiveOnceAsync(queueUrl, waitSeconds: 1, visibility: 30))
            {
                all.Add(message);
                await Sqs.DeleteMessageAsync(queueUrl, message.ReceiptHandle);
            }
        }
        return all;
    }

    /// <summary>Visible plus in flight: zero once every message was deleted.</summary>
    public async Task<int> CountAsync(string queueUrl)
    {
        var attributes = (await Sqs.GetQueueAttributesAsync(queueUrl, ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"])).Attributes;
        return int.Parse(attributes["ApproximateNumberOfMessages"], System.Globalization.CultureInfo.InvariantCulture)
            + int.Parse(attributes["ApproximateNumberOfMessagesNotVisible"], System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task WaitUntilEmptyAsync(string queueUrl, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (await CountAsync(queueUrl) > 0)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{queueUrl} still holds messages");
            await Task.Delay(100);
        }
    }

    public void Dispose() => clients.Dispose();
}
