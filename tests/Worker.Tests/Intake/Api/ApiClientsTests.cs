using Microsoft.Extensions.Options;
using Provisioner.Worker.Intake.Api;

namespace Provisioner.Worker.Tests.Intake.Api;

public sealed class ApiClientsTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("api-clients-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    internal static string Sha256(string token) => Convert.ToHexStringLower(TokenDigest.Of(token));

    private static ApiClients Clients(ApiOptions options) => new(Options.Create(options), TimeProvider.System);

    [Fact]
    public void Authenticate_ClientsTokenByItsDigest_ThatClientWithItsTenantAndScopes()
    {
        var clients = Clients(new ApiOptions
        {
            Clients = new(StringComparer.OrdinalIgnoreCase)
            {
                ["ci"] = new() { TokenSha256 = Sha256("ci-token"), Tenant = "team-a", Scopes = "submit, read" },
                ["ops"] = new() { TokenSha256 = Sha256("ops-token").ToUpperInvariant(), Tenant = "team-b", Scopes = "read,admin" },
            },
        });

        var ci = clients.Authenticate("ci-token");
        var ops = clients.Authenticate("ops-token");

        Assert.Equal(("ci", "team-a", false), (ci?.Name, ci?.Tenant, ci?.Admin));
        Assert.Equal(["read", "submit"], ci!.Scopes.Order(StringComparer.Ordinal));
        Assert.Equal(("ops", "team-b", true), (ops?.Name, ops?.Tenant, ops?.Admin));
        Assert.Null(clients.Authenticate("ci-token "));
        Assert.Null(clients.Authenticate(Sha256("ci-token"))); // the digest itself is not a token
    }

    [Fact]
    public void Authenticate_ApiToken_AdminOfTheDefaultTenantWithEveryScope()
    {
        var client = Clients(new ApiOptions { Token = "legacy-token" }).Authenticate("legacy-token");

        Assert.Equal((ApiClients.TokenClientName, "default", true), (client?.Name, client?.Tenant, client?.Admin));
        Assert.Equal(ApiScopes.All.Order(StringComparer.Ordinal), client!.Scopes.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Authenticate_TokenFileRewritten_NewTokenAcceptedOldRefused()
    {
        var file = Path.Combine(directory, "token");
        await File.WriteAllTextAsync(file, "first-token\n");
        var clients = Clients(new ApiOptions
        {
            Clients = new(StringComparer.OrdinalIgnoreCase) { ["mounted"] = new() { TokenFile = file, Tenant = "team-a", Scopes = "read" } },
        });
        Assert.Equal("mounted", clients.Authenticate("first-token")?.Name);

        await File.WriteAllTextAsync(file, "second-token");
        await Task.Delay(TimeSpan.FromSeconds(1.2));

        Assert.Equal("mounted", clients.Authenticate("second-token")?.Name);
        Assert.Null(clients.Authenticate("first-token"));
    }

    [Fact]
    public async Task Authenticate_TokenFileRemoved_NoTokenMatches()
    {
        var file = Path.Combine(directory, "token");
        await File.WriteAllTextAsync(file, "gone-token");
        var clients = Clients(new ApiOptions
        {
            Clients = new(StringComparer.OrdinalIgnoreCase) { ["mounted"] = new() { TokenFile = file, Scopes = "read" } },
        });
        Assert.NotNull(clients.Authenticate("gone-token"));

        File.Delete(file);
        await Task.Delay(TimeSpan.FromSeconds(1.2));

        Assert.Null(clients.Authenticate("gone-token"));
        Assert.Null(clients.Authenticate(""));
    }
}
