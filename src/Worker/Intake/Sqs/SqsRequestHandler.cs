using System.Text.Json;
using Amazon.SQS;
using Amazon.SQS.Model;
using MassTransit;
using Provisioner.Contracts;
using Provisioner.Worker.Aws;
using Provisioner.Worker.Common;
using Provisioner.Worker.Intake.Ticketing;
using Provisioner.Worker.Outlet;
using Provisioner.Worker.Profiles;
using Provisioner.Worker.SagaStore;

namespace Provisioner.Worker.Intake.Sqs;

/// <summary>
/// Accepts one queue message: publishes the command, and deletes the message only once the bus has taken it
/// (at-least-once; the request id makes a second delivery harmless). A refused message is dead-lettered with its
/// reasons, or left for the queue's redrive policy, and an <see cref="EnvironmentRequestRejected"/> is published.
/// </summary>
public sealed class SqsRequestHandler(IBus bus, OutletRouting routing, OutboxStore outbox, TenantAccess tenants, CallbackPolicy callbacks,
    ProfileCatalog profiles, TimeProvider clock, ILogger<SqsRequestHandler> logger)
{
    public const string Client = "sqs-intake";

    public const string RejectionAttribute = "provisioner-rejection";
    public const string ProblemsAttribute = "provisioner-problems";
    public const string RequestIdAttribute = "provisioner-request-id";
    public const string SourceMessageIdAttribute = "provisioner-source-message-id";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<SqsOutcome> HandleAsync(IAmazonSQS sqs, SqsIntakeOptions options, Message message, CancellationToken cancellationToken)
    {
        var queueUrl = options.QueueUrl!;
        var caller = new Caller(Client, options.Tenant, Admin: false);
        var request = await QueuedRequest.ReadAsync(message.Body, StableIds.From("sqs-message", message.MessageId), clock.GetUtcNow(), caller,
            async r => [.. profiles.Problems(r, caller), .. callbacks.Check(r.Ticket), .. await tenants.ProblemsAsync(r, caller, cancellationToken)]);
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["SqsMessageId"] = message.MessageId, ["RequestId"] = request.RequestId });
        SqsOutcome outcome;
        try
        {
            await using (VisibilityLease.Start(sqs, queueUrl, message.ReceiptHandle, options.VisibilityTimeoutSeconds, logger))
            {
                outcome = request.Command is { } command
                    ? await AcceptAsync(command, cancellationToken)
                    : await RejectAsync(sqs, options, message, request, cancellationToken);
            }
        }
        catch (Exception ex)
        {
            logger.LogWarning("SQS message not accepted, it will be delivered again: {Error}", ex.Message);
            await VisibilityLease.ReleaseAsync(sqs, queueUrl, message.ReceiptHandle, logger);
            return SqsOutcome.Returned;
        }
        if (outcome != SqsOutcome.LeftForRedrive) await DeleteAsync(sqs, queueUrl, message.ReceiptHandle);
        return outcome;
    }

    private async Task<SqsOutcome> AcceptAsync(ProvisionEnvironment command, CancellationToken cancellationToken)
    {
        await bus.Publish(command, cancellationToken);
        logger.LogInformation("Accepted request {RequestId} for {Environment} from SQS", command.RequestId, command.Request.Environment);
        return SqsOutcome.Accepted;
    }

    private async Task<SqsOutcome> RejectAsync(IAmazonSQS sqs, SqsIntakeOptions options, Message message, QueuedRequest request,
        CancellationToken cancellationToken)
    {
        var problems = JsonSerializer.Serialize(request.Problems, Json);
        logger.LogWarning("Refused a {Rejection} request {RequestId} for {Environment} from SQS: {Problems}",
            request.Rejection, request.RequestId, request.Environment, request.Problems.Select(p => p.ToString()));
        if (!string.IsNullOrWhiteSpace(options.DeadLetterQueueUrl))
            await sqs.SendMessageAsync(DeadLetter(options.DeadLetterQueueUrl, message, request, problems), cancellationToken);
        var rejected = new EnvironmentRequestRejected(request.RequestId, request.Environment, request.Problems, clock.GetUtcNow());
        // No saga carries a refused request: its event goes to the outbox on its own, for the outlet and the ticket.
        await outbox.AppendAsync(routing.RowsFor(rejected, request.Ticket), cancellationToken);
        await bus.Publish(rejected, cancellationToken);
        return string.IsNullOrWhiteSpace(options.DeadLetterQueueUrl) ? SqsOutcome.LeftForRedrive : SqsOutcome.DeadLettered;
    }

    /// <summary>The original body, untouched so it can be fixed and sent again; the reasons travel as message attributes.</summary>
    private static SendMessageRequest DeadLetter(string queueUrl, Message message, QueuedRequest request, string problems)
    {
        var send = new SendMessageRequest
        {
            QueueUrl = queueUrl,
            MessageBody = string.IsNullOrEmpty(message.Body) ? "(empty)" : message.Body,
            MessageAttributes = new Dictionary<string, MessageAttributeValue>
            {
                [RejectionAttribute] = Text(request.Rejection!),
                [ProblemsAttribute] = Text(problems),
                [RequestIdAttribute] = Text(request.RequestId.ToString()),
                [SourceMessageIdAttribute] = Text(message.MessageId),
            },
        };
        if (SqsClients.IsFifo(queueUrl)) (send.MessageGroupId, send.MessageDeduplicationId) = ("rejected", message.MessageId);
        return send;
    }

    private static MessageAttributeValue Text(string value) => new() { DataType = "String", StringValue = value };

    private async Task DeleteAsync(IAmazonSQS sqs, string queueUrl, string receiptHandle)
    {
        // Not the stopping token: the bus already has the message, so this delete should still happen.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await sqs.DeleteMessageAsync(queueUrl, receiptHandle, timeout.Token);
        }
        catch (Exception ex) when (ex is AmazonSQSException or OperationCanceledException or HttpRequestException)
        {
            logger.LogWarning("Could not delete an accepted SQS message; its redelivery will be a duplicate: {Error}", ex.Message);
        }
    }
}
