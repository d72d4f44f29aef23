using System.Net;
using System.Text;
using System.Text.Json;
using Provisioner.Contracts;

namespace Provisioner.Worker.Tests.Intake.Api;

public sealed class EnvironmentsApiTests : IAsyncLifetime
{
    private ApiTestHost host = null!;

    public async Task InitializeAsync() => host = await ApiTestHost.StartAsync(new Dictionary<string, string?> { ["Api:MaxRequestBytes"] = "4096" });

    public async Task DisposeAsync() => await host.DisposeAsync();

    private async Task<List<JsonElement>> ListAsync(string path)
    {
        using var response = await host.Http.SendAsync(HttpMethod.Get, path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.JsonAsync()).GetProperty("environments").EnumerateArray().ToList();
    }

    [Fact]
    public async Task PostEnvironments_ValidRequest_202WithLocationThenProvisioned()
    {
        var (environment, requestId) = (IntakeJson.Environment(), Guid.NewGuid());

        using var response = await host.Http.SendAsync(HttpMethod.Post, "/environments", IntakeJson.Request(environment, requestId));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal($"/environments/{environment}", response.Headers.Location!.ToString());
        Assert.Equal(requestId.ToString(), (await response.JsonAsync()).GetProperty("requestId").GetString());
        var status = await host.Http.SettledAsync(response.Headers.Location.ToString());
        Assert.Equal("provisioned", status.GetProperty("state").GetString());
    }

    [Fact]
    public async Task PostEnvironments_MalformedJson_400ProblemDetails()
    {
        using var response = await host.Http.SendAsync(HttpMethod.Post, "/environments", "{ \"environment\": ");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Malformed request", (await response.JsonAsync()).GetProperty("title").GetString());
    }

    [Fact]
    public async Task PostEnvironments_InvalidRequest_400WithEveryProblemByFieldAndNothingPublished()
    {
        using var response = await host.Http.SendAsync(HttpMethod.Post, "/environments", IntakeJson.Invalid(IntakeJson.Environment()));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.JsonAsync()).GetProperty("errors");
        Assert.Equal(["aws.region", "bucket.name"], errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Empty(host.Published.Of<ProvisionEnvironment>());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task PostEnvironments_BodyOverLimit_413(bool announcedLength)
    {
        var body = IntakeJson.Request(IntakeJson.Environment(), change: j => j["bucket"] = new System.Text.Json.Nodes.JsonObject
        {
            ["tags"] = new System.Text.Json.Nodes.JsonObject { ["pad"] = new string('x', 5000) },
        });
        using var content = announcedLength
            ? (HttpContent)new StringContent(body, Encoding.UTF8, "application/json")
            : new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(body))) { Headers = { ContentType = new("application/json") } }; // chunked
        using var response = await host.Http.PostAsync(new Uri("/environments", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty(host.Published.Of<ProvisionEnvironment>());
    }

    [Fact]
    public async Task GetEnvironment_Unknown_404ProblemDetails()
    {
        using var response = await host.Http.SendAsync(HttpMethod.Get, "/environments/never-heard-of");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task ListEnvironments_ByState_StatusDocumentsOfThatStateOnly()
    {
        var (first, second, failing) = (IntakeJson.Environment(), IntakeJson.Environment(), IntakeJson.Environment());
        Assert.Equal("provisioned", await host.Http.ProvisionAsync(first));
        Assert.Equal("provisioned", await host.Http.ProvisionAsync(second));
        host.Role.FailCreate = new InvalidOperationException("role refused");
        Assert.Equal("rolled-back", await host.Http.ProvisionAsync(failing));

        var all = await ListAsync("/environments");
        var provisioned = await ListAsync("/environments?state=provisioned");
        var rolledBack = await ListAsync("/environments?state=rolled-back");
        var running = await ListAsync("/environments?state=running");

        Assert.Equal(new[] { first, second, failing }.Order(StringComparer.Ordinal), all.Select(e => e.GetProperty("environment").GetString()));
        Assert.Equal(new[] { first, second }.Order(StringComparer.Ordinal), provisioned.Select(e => e.GetProperty("environment").GetString()));
        Assert.Equal([failing], rolledBack.Select(e => e.GetProperty("environment").GetString()));
        Assert.Equal("role", rolledBack[0].GetProperty("failedStage").GetString());
        Assert.Equal(4, provisioned[0].GetProperty("stages").GetArrayLength());
        Assert.Empty(running);
    }
}
