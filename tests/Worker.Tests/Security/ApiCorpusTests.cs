using System.Net;
using System.Text.Json;
using Provisioner.Worker.Tests.Intake.Api;
using static Provisioner.Worker.Tests.Security.ApiCorpusFixture;

namespace Provisioner.Worker.Tests.Security;

/// <summary>
/// The security corpus through the real HTTP API and saga: each case gets its specific refusal, and nothing reaches the
/// bus or the (faked) cloud — no message published, no call in the call log.
/// </summary>
public sealed class ApiCorpusTests(ApiCorpusFixture fixture) : IClassFixture<ApiCorpusFixture>
{
    private ApiTestHost Host => fixture.Host;

    private static string? Token(string? client) => client switch
    {
        null => null,
        "!digest-of-a" => ApiClientsTests.Sha256(TokenOf("a")),
        ['!', .. var guessed] => guessed,
        _ => TokenOf(client),
    };

    [Theory]
    [MemberData(nameof(ApiCorpus.Names), MemberType = typeof(ApiCorpus))]
    public async Task Attack_Refused_NothingPublishedAndNoCloudCall(string name)
    {
        var attack = ApiCorpus.Cases[name];
        var (published, calls) = (Host.Published.Messages.Count, Host.Calls.Calls.Count);

        using var response = await Host.Http.SendAsync(attack.Method, attack.Path, attack.Body, Token(attack.Client),
            attack.Headers?.ToDictionary(), attack.ContentType);

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(attack.Status == response.StatusCode, $"{name}: {(int)response.StatusCode} {body}");
        if (attack.Field is { } field)
        {
            var errors = JsonDocument.Parse(body).RootElement.GetProperty("errors");
            Assert.True(errors.TryGetProperty(field, out var messages), $"{name}: no error on {field} in {body}");
            Assert.Contains(messages.EnumerateArray(), m => m.GetString()!.Contains(attack.Refusal, StringComparison.Ordinal));
        }
        else if (attack.Refusal.Length > 0)
        {
            Assert.Contains(attack.Refusal, JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
        await Task.Delay(200); // anything published would reach the saga and its fakes by now
        Assert.Empty(Host.Published.Messages.Skip(published));
        Assert.Empty(Host.Calls.Calls.Skip(calls));
    }

    [Fact]
    public async Task CrossTenantRead_AnsweredExactlyAsANameNobodyHas()
    {
        using var foreign = await Host.Http.SendAsync(HttpMethod.Get, $"/environments/{OwnedByA}", token: TokenOf("b"));
        using var missing = await Host.Http.SendAsync(HttpMethod.Get, "/environments/corpus-z", token: TokenOf("b"));

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (foreign.StatusCode, missing.StatusCode));
        static string Shape(JsonElement problem) =>
            string.Join("|", problem.EnumerateObject().Where(p => p.Name != "traceId").Select(p => $"{p.Name}={p.Value}"));
        Assert.Equal(Shape(await missing.JsonAsync()).Replace("corpus-z", OwnedByA, StringComparison.Ordinal), Shape(await foreign.JsonAsync()));
    }

    [Theory]
    [InlineData("a", new[] { OwnedByA })]
    [InlineData("b", new[] { OwnedByB })]
    [InlineData("a-reader", new[] { OwnedByA })]
    [InlineData("admin", new[] { OwnedByA, OwnedByB })]
    public async Task List_Client_OnlyItsTenantsEnvironmentsOrEveryOneForAdmin(string client, string[] expected)
    {
        foreach (var path in new[] { "/environments", "/environments?state=provisioned" })
        {
            using var response = await Host.Http.SendAsync(HttpMethod.Get, path, token: TokenOf(client));

            var listed = (await response.JsonAsync()).GetProperty("environments").EnumerateArray().Select(e => e.GetProperty("environment").GetString());
            Assert.Equal(expected, listed);
        }
    }

    [Fact]
    public async Task Admin_ReadsAnotherTenantsEnvironment()
    {
        using var response = await Host.Http.SendAsync(HttpMethod.Get, $"/environments/{OwnedByB}", token: TokenOf("admin"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
