using System.Net;
using Provisioner.Worker.Tests.Intake;
using Provisioner.Worker.Tests.Intake.Api;

namespace Provisioner.Worker.Tests.Security;

/// <summary>
/// One worker (the real API and saga, the cloud faked with a call log) with four clients — two tenants, a reader, an
/// admin of its own tenant — and one provisioned environment per tenant, for the corpus to attack.
/// </summary>
public sealed class ApiCorpusFixture : IAsyncLifetime
{
    public const string OwnedByA = "corpus-a";
    public const string OwnedByB = "corpus-b";
    public const string Fresh = "corpus-new";
    public const string AllowedOrigin = "https://console.example.com";
    public const int MaxRequestBytes = 16 * 1024;

    internal ApiTestHost Host { get; private set; } = null!;

    public static string TokenOf(string client) => $"{client}-token-for-the-security-corpus";

    public async Task InitializeAsync()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Api:AllowAnonymousLoopback"] = "false",
            ["Api:AllowedOrigins"] = AllowedOrigin,
            ["Api:MaxRequestBytes"] = MaxRequestBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Ticketing:Secret"] = "corpus-callback-secret",
            ["Ticketing:AllowedCallbackHosts"] = "hooks.example.com, *.tickets.example.com",
        };
        foreach (var (client, tenant, scopes) in new[]
        {
            ("a", "team-a", "submit,read,deprovision,rotate"), ("b", "team-b", "submit,read,deprovision,rotate"),
            ("a-reader", "team-a", "read"), ("admin", "team-ops", "submit,read,deprovision,rotate,admin"),
        })
        {
            settings[$"Api:Clients:{client}:TokenSha256"] = ApiClientsTests.Sha256(TokenOf(client));
            settings[$"Api:Clients:{client}:Tenant"] = tenant;
            settings[$"Api:Clients:{client}:Scopes"] = scopes;
        }
        Host = await ApiTestHost.StartAsync(settings);
        await ProvisionAsync(OwnedByA, "a");
        await ProvisionAsync(OwnedByB, "b");
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();

    private async Task ProvisionAsync(string environment, string client)
    {
        using var response = await Host.Http.SendAsync(HttpMethod.Post, "/environments", IntakeJson.Request(environment), TokenOf(client));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var status = await Host.Http.SettledAsync($"/environments/{environment}", TokenOf(client));
        Assert.Equal("provisioned", status.GetProperty("state").GetString());
    }
}
