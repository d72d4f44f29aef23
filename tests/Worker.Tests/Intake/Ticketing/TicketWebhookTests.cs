using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Provisioner.Contracts;
using Provisioner.Worker.Common;
using Provisioner.Worker.Intake.Ticketing;
using Provisioner.Worker.Tests.Intake.Api;
using Provisioner.Worker.Tests.Outlet.Ticketing;

namespace Provisioner.Worker.Tests.Intake.Ticketing;

public sealed class TicketWebhookTests : IAsyncLifetime
{
    internal const string Secret = "webhook-secret-for-tests";

    /// <summary>An API token is set: the webhook must still be reachable with its signature alone. The receiver is on loopback.</summary>
    internal static Dictionary<string, string?> Settings => new()
    {
        ["Ticketing:Secret"] = Secret,
        ["Ticketing:AllowedCallbackHosts"] = "127.0.0.1",
        ["Ticketing:AllowPrivateNetworks"] = "true",
        ["Api:Token"] = "api-token",
        ["Api:AllowAnonymousLoopback"] = "false",
    };

    private ApiTestHost host = null!;
    private CallbackReceiver receiver = null!;

    public async Task InitializeAsync()
    {
        receiver = await CallbackReceiver.StartAsync();
        host = await ApiTestHost.StartAsync(Settings);
    }

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        await receiver.DisposeAsync();
    }

    private string TicketCreated(string key, string environment, string? callbackUrl = null, Action<JsonObject>? change = null) =>
        new JsonObject
        {
            ["system"] = "jira",
            ["key"] = key,
            ["callbackUrl"] = callbackUrl ?? new Uri(receiver.Url, key).ToString(),
            ["request"] = JsonNode.Parse(IntakeJson.Request(environment, change: change)),
        }.ToJsonString();

    private Task<HttpResponseMessage> PostAsync(string body, string? signature) =>
        host.Http.SendAsync(HttpMethod.Post, "/webhooks/tickets", body,
            headers: signature is null ? null : new Dictionary<string, string> { [CallbackSignature.Header] = signature });

    private static string Sign(string body, DateTimeOffset? at = null, string secret = Secret) =>
        CallbackSignature.Create(secret, at ?? DateTimeOffset.UtcNow, Encoding.UTF8.GetBytes(body));

    [Fact]
    public async Task Webhook_SignedTicket_202ProvisionsAndCallsTheTicketBackAtEachStage()
    {
        var environment = IntakeJson.Environment();
        var body = TicketCreated("OPS-100", environment);

        using var response = await PostAsync(body, Sign(body));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var command = await host.Published.WaitForAsync<ProvisionEnvironment>();
        Assert.Equal(("jira", "OPS-100"), (command.Request.Ticket!.System, command.Request.Ticket.Key));
        Assert.Equal(StableIds.From("ticket", "jira\nOPS-100"), command.RequestId);
        var callbacks = await receiver.WaitForAsync(6);
        Assert.Equal(["EnvironmentRunStarted", "StageCompleted", "StageCompleted", "StageCompleted", "StageCompleted", "EnvironmentProvisioned"],
            callbacks.Select(c => c.EventType));
        Assert.Equal(["bucket", "access-policy", "role", "verify"],
            callbacks.Where(c => c.EventType == "StageCompleted").Select(c => c.Json.GetProperty("event").GetProperty("data").GetProperty("stage").GetString()));
        Assert.All(callbacks, c => Assert.True(SignatureVerifier.IsValid(Secret, c.Signature, c.Body, TimeSpan.FromMinutes(5))));
        Assert.All(callbacks, c => Assert.Equal("/hooks/OPS-100", c.Path));
    }

    [Fact]
    public async Task Webhook_SameTicketTwice_OneRequestId()
    {
        var body = TicketCreated("OPS-101", IntakeJson.Environment());

        using var first = await PostAsync(body, Sign(body));
        using var second = await PostAsync(body, Sign(body, DateTimeOffset.UtcNow.AddSeconds(1)));

        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        Assert.Equal((await first.JsonAsync()).GetProperty("requestId").GetString(), (await second.JsonAsync()).GetProperty("requestId").GetString());
    }

    public static TheoryData<string> BadSignatures => new() { "missing", "other-secret", "tampered", "stale", "future" };

    [Theory]
    [MemberData(nameof(BadSignatures))]
    public async Task Webhook_BadOrStaleSignature_401AndNothingPublished(string kind)
    {
        var body = TicketCreated("OPS-102", IntakeJson.Environment());
        var signature = kind switch
        {
            "missing" => null,
            "other-secret" => Sign(body, secret: "not-the-secret"),
            "tampered" => Sign(body.Replace("OPS-102", "OPS-999", StringComparison.Ordinal)),
            "stale" => Sign(body, DateTimeOffset.UtcNow.AddMinutes(-6)),
            _ => Sign(body, DateTimeOffset.UtcNow.AddMinutes(6)),
        };

        using var response = await PostAsync(body, signature);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        await Task.Delay(100);
        Assert.Empty(host.Published.Of<ProvisionEnvironment>());
    }

    [Fact]
    public async Task Webhook_ReplayedSignature_SecondRefused()
    {
        var body = TicketCreated("OPS-103", IntakeJson.Environment());
        var signature = Sign(body);

        using var first = await PostAsync(body, signature);
        using var replay = await PostAsync(body, signature.Replace(",", " , ", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, replay.StatusCode);
        Assert.Contains("already used", (await replay.JsonAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Webhook_SignedButInvalidRequest_400WithEveryProblem()
    {
        var body = TicketCreated("OPS-104", IntakeJson.Environment(), change: j => j["aws"]!["region"] = "nowhere");

        using var response = await PostAsync(body, Sign(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.JsonAsync()).GetProperty("errors").TryGetProperty("aws.region", out _));
    }

    [Fact]
    public async Task Webhook_NoSecretConfigured_401()
    {
        await using var open = await ApiTestHost.StartAsync();
        var body = TicketCreated("OPS-105", IntakeJson.Environment());

        using var response = await open.Http.SendAsync(HttpMethod.Post, "/webhooks/tickets", body,
            headers: new Dictionary<string, string> { [CallbackSignature.Header] = Sign(body, secret: "") });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
