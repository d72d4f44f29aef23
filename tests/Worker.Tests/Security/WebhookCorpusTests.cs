using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Provisioner.Worker.Intake.Ticketing;
using Provisioner.Worker.SagaStore;
using Provisioner.Worker.Tests.Intake;
using Provisioner.Worker.Tests.Intake.Api;

namespace Provisioner.Worker.Tests.Security;

/// <summary>
/// The security corpus through the signed ticket webhook, bound to tenant team-b: every ticket is properly signed, and
/// still refused for what it asks — nothing published, no cloud call.
/// </summary>
public sealed class WebhookCorpusTests : IAsyncLifetime
{
    private const string Secret = "webhook-corpus-secret";
    private const string NoControl = "must not contain control characters, line breaks or bidirectional overrides";

    private ApiTestHost host = null!;

    public async Task InitializeAsync()
    {
        host = await ApiTestHost.StartAsync(new Dictionary<string, string?>
        {
            ["Api:AllowAnonymousLoopback"] = "false",
            ["Ticketing:Secret"] = Secret,
            ["Ticketing:Tenant"] = "team-b",
            ["Ticketing:AllowedCallbackHosts"] = "hooks.example.com",
        });
        var table = host.Services.GetRequiredService<SagaTable>();
        await StoredEnvironments.AddAsync(table, "hook-a", "team-a");
        await StoredEnvironments.AddAsync(table, "hook-b", "team-b");
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    private static string Ticket(string environment = "hook-new", string system = "jira", string key = "OPS-9",
        string callbackUrl = "https://hooks.example.com/t/OPS-9", Action<JsonObject>? change = null) => new JsonObject
        {
            ["system"] = system, ["key"] = key, ["callbackUrl"] = callbackUrl,
            ["request"] = JsonNode.Parse(IntakeJson.Request(environment, change: change)),
        }.ToJsonString();

    public static TheoryData<string, string, int, string, string> Cases => new()
    {
        { "another tenant's environment", Ticket("hook-a"), 400, "environment", "the name 'hook-a' is not available; choose another" },
        { "pinned namespace of its own", Ticket("hook-b", change: j => j["kubernetes"]!["namespace"] = "attacker"), 400, "kubernetes.namespace",
            "cannot change after the environment was provisioned" },
        { "callback to a host not allowed", Ticket(callbackUrl: "https://evil.example.com/t"), 400, "ticket.callbackUrl", "is not one callbacks may go to" },
        { "callback to the worker itself", Ticket(callbackUrl: "http://127.0.0.1:8080/environments/hook-b/rotate-key"), 400, "ticket.callbackUrl",
            "internal address" },
        { "newline in the ticket key", Ticket(key: "OPS-9\n[INF] Deprovisioned hook-a"), 400, "ticket.key", NoControl },
        { "oversize ticket system", Ticket(system: new string('s', 65)), 400, "ticket.system", "at most 64 characters" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task SignedTicket_Refused_NothingPublishedAndNoCloudCall(string name, string body, int status, string field, string message)
    {
        using var response = await PostAsync(body);

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == (int)response.StatusCode, $"{name}: {(int)response.StatusCode} {text}");
        var errors = JsonDocument.Parse(text).RootElement.GetProperty("errors");
        Assert.Contains(errors.GetProperty(field).EnumerateArray(), m => m.GetString()!.Contains(message, StringComparison.Ordinal));
        await AssertNothingHappenedAsync();
    }

    [Theory]
    [InlineData("text/plain", null, HttpStatusCode.UnsupportedMediaType)]
    [InlineData("application/x-www-form-urlencoded", null, HttpStatusCode.UnsupportedMediaType)]
    [InlineData("application/json", "https://evil.example.com", HttpStatusCode.Forbidden)]
    public async Task SignedTicket_ForgedBrowserShape_Refused(string contentType, string? origin, HttpStatusCode status)
    {
        using var response = await PostAsync(Ticket(), contentType, origin);

        Assert.Equal(status, response.StatusCode);
        await AssertNothingHappenedAsync();
    }

    [Fact]
    public async Task SignedTicket_Accepted_ActsForTheWebhooksTenantNeverAsAdmin()
    {
        using var response = await PostAsync(Ticket("hook-b"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var command = await host.Published.WaitForAsync<Contracts.ProvisionEnvironment>();
        Assert.Equal(new Contracts.Caller(TicketWebhook.Client, "team-b", false), command.Caller);
    }

    private Task<HttpResponseMessage> PostAsync(string body, string contentType = "application/json", string? origin = null)
    {
        var headers = new Dictionary<string, string>
        {
            [CallbackSignature.Header] = CallbackSignature.Create(Secret, DateTimeOffset.UtcNow, Encoding.UTF8.GetBytes(body)),
        };
        if (origin is not null) headers["Origin"] = origin;
        return host.Http.SendAsync(HttpMethod.Post, "/webhooks/tickets", body, headers: headers, contentType: contentType);
    }

    private async Task AssertNothingHappenedAsync()
    {
        await Task.Delay(200);
        Assert.Empty(host.Published.Messages);
        Assert.Empty(host.Calls.Calls);
    }
}
