using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Provisioner.Contracts;
using Provisioner.Worker.Intake.Sqs;
using Provisioner.Worker.SagaStore;
using Provisioner.Worker.Tests.Infrastructure;
using Provisioner.Worker.Tests.Intake;
using Provisioner.Worker.Tests.Intake.Sqs;

namespace Provisioner.Worker.Tests.Security;

/// <summary>
/// The security corpus through the SQS intake (on moto), the queue bound to tenant team-a: every message is refused
/// into the dead-letter queue with its reason, and no command is published.
/// </summary>
[Collection("moto")]
public sealed class SqsCorpusTests(MotoServer moto) : IDisposable
{
    private const string NoControl = "must not contain control characters, line breaks or bidirectional overrides";

    private readonly TestQueues queues = new(moto);

    public void Dispose() => queues.Dispose();

    private static string Request(string environment = "queue-new", Action<JsonObject>? change = null) => IntakeJson.Request(environment, change: change);

    private static string Ticketed(string callbackUrl = "https://hooks.example.com/t", string system = "jira", string key = "OPS-3") =>
        Request(change: j => j["ticket"] = new JsonObject { ["system"] = system, ["key"] = key, ["callbackUrl"] = callbackUrl });

    public static TheoryData<string, string, string, string> Cases => new()
    {
        { "another tenant's environment", Request("queue-b"), "environment", "the name 'queue-b' is not available; choose another" },
        { "pinned issuer of its own", Request("queue-a", j => j["kubernetes"]!["oidcIssuer"] = "https://oidc.attacker.test/id/X"),
            "kubernetes.oidcIssuer", "cannot change after the environment was provisioned" },
        { "callback to a host not allowed", Ticketed("https://evil.example.com/t"), "ticket.callbackUrl", "is not one callbacks may go to" },
        { "callback to the metadata address", Ticketed("https://[::ffff:169.254.169.254]/latest"), "ticket.callbackUrl", "internal address" },
        { "newline in the ticket system", Ticketed(system: "jira\n[INF] forged"), "ticket.system", NoControl },
        { "oversize ticket key", Ticketed(key: new string('k', 129)), "ticket.key", "at most 128 characters" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Message_Refused_DeadLetteredWithTheReasonAndNothingPublished(string name, string body, string field, string message)
    {
        var (queue, deadLetters) = (await queues.CreateAsync("corpus"), await queues.CreateAsync("corpus-refused"));
        var settings = SqsRequestListenerTests.Settings(queue, deadLetters);
        settings["Intake:Sqs:Tenant"] = "team-a";
        settings["Ticketing:AllowedCallbackHosts"] = "hooks.example.com";
        await using var host = await IntakeHost.StartAsync(moto, settings);
        var table = host.Services.GetRequiredService<SagaTable>();
        await StoredEnvironments.AddAsync(table, "queue-a", "team-a");
        await StoredEnvironments.AddAsync(table, "queue-b", "team-b");

        await queues.SendAsync(queue, body);

        var rejected = await host.Published.WaitForAsync<EnvironmentRequestRejected>();
        Assert.Contains(rejected.Problems, p => p.Field == field && p.Message.Contains(message, StringComparison.Ordinal));
        var dead = Assert.Single(await queues.ReceiveAllAsync(deadLetters));
        Assert.Equal(body, dead.Body);
        Assert.Equal(QueuedRequest.Invalid, dead.MessageAttributes[SqsRequestHandler.RejectionAttribute].StringValue);
        var problems = JsonSerializer.Deserialize<List<RequestProblem>>(dead.MessageAttributes[SqsRequestHandler.ProblemsAttribute].StringValue,
            new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
        Assert.True(problems.Any(p => p.Field == field && p.Message.Contains(message, StringComparison.Ordinal)), name);
        await queues.WaitUntilEmptyAsync(queue);
        Assert.Empty(host.Published.Of<ProvisionEnvironment>());
    }
}
