using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using Provisioner.Worker.Hosting;
using Provisioner.Worker.Tests.Intake.Api;
using Provisioner.Worker.Validation;

namespace Provisioner.Worker.Tests.Hosting;

/// <summary>The OpenAPI document and the request schema, fetched from a worker composed as the program composes it.</summary>
public sealed class ApiDocsRegistrationTests
{
    private const string Token = "docs-reader-token";

    [Fact]
    public async Task OpenApi_RunningWorker_IsOpenApi3DocumentingEveryMappedRouteAndMethod()
    {
        var database = Path.Combine(Path.GetTempPath(), $"docs-{Guid.NewGuid():N}.db");
        var app = WorkerHost.Build(["--urls", "http://127.0.0.1:0", "--Api:AllowAnonymousLoopback=true", $"--SagaStore:ConnectionString=Data Source={database}"]);
        try
        {
            await app.StartAsync();
            using var http = new HttpClient { BaseAddress = Address(app) };
            using var response = await http.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var text = await response.Content.ReadAsStringAsync();

            var read = OpenApiDocument.Parse(text, "json", new OpenApiReaderSettings());
            Assert.Empty(read.Diagnostic?.Errors ?? []);
            Assert.StartsWith("3.", JsonDocument.Parse(text).RootElement.GetProperty("openapi").GetString(), StringComparison.Ordinal);
            Assert.Empty(read.Document!.Validate(Microsoft.OpenApi.ValidationRuleSet.GetDefaultRuleSet()) ?? []);
            Assert.Equal(Mapped(app), Documented(JsonDocument.Parse(text).RootElement));
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
            foreach (var file in new[] { database, database + "-wal", database + "-shm" }) File.Delete(file);
        }
    }

    [Fact]
    public async Task OpenApi_Document_DeclaresBearerSchemeScopesAndProblemShapes()
    {
        await using var host = await ApiTestHost.StartAsync();
        var document = await (await host.Http.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative))).JsonAsync();

        var components = document.GetProperty("components");
        var bearer = components.GetProperty("securitySchemes").GetProperty("bearer");
        Assert.Equal("http", bearer.GetProperty("type").GetString());
        Assert.Equal("bearer", bearer.GetProperty("scheme").GetString());
        Assert.True(components.GetProperty("schemas").TryGetProperty("ProblemDetails", out _));
        Assert.True(components.GetProperty("schemas").TryGetProperty("HttpValidationProblemDetails", out _));
        var submit = document.GetProperty("paths").GetProperty("/environments").GetProperty("post");
        Assert.Contains("submit", submit.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.True(submit.GetProperty("security")[0].TryGetProperty("bearer", out _));
        foreach (var code in new[] { "202", "400", "401", "403", "413", "415" }) Assert.True(submit.GetProperty("responses").TryGetProperty(code, out _), code);
        var probe = document.GetProperty("paths").GetProperty("/healthz").GetProperty("get");
        Assert.False(probe.TryGetProperty("security", out _));
    }

    [Theory]
    [InlineData("/openapi/v1.json")]
    [InlineData(RequestSchema.Route)]
    public async Task Docs_WithoutToken_AreRefused(string path)
    {
        await using var host = await ApiTestHost.StartAsync(new Dictionary<string, string?>
        {
            ["Api:AllowAnonymousLoopback"] = "false",
            ["Api:Clients:docs:TokenSha256"] = ApiClientsTests.Sha256(Token),
            ["Api:Clients:docs:Tenant"] = "team-a",
            ["Api:Clients:docs:Scopes"] = "read",
        });

        using var anonymous = await host.Http.SendAsync(HttpMethod.Get, path);
        using var client = await host.Http.SendAsync(HttpMethod.Get, path, token: Token);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.OK, client.StatusCode);
    }

    [Fact]
    public async Task RequestSchema_Served_IsTheEmbeddedSchemaAsSchemaJson()
    {
        await using var host = await ApiTestHost.StartAsync();

        using var response = await host.Http.GetAsync(new Uri(RequestSchema.Route, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(RequestSchema.MediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(RequestSchema.Text, await response.Content.ReadAsStringAsync());
        Assert.Equal("https://json-schema.org/draft/2020-12/schema", JsonDocument.Parse(RequestSchema.Text).RootElement.GetProperty("$schema").GetString());
    }

    /// <summary>Every route the worker maps, with its methods; only the document's own route is left out of the document.</summary>
    private static SortedSet<string> Mapped(WebApplication app) =>
        new(app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => (Path: "/" + e.RoutePattern.RawText!.Trim('/'), Methods: e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"]))
            .Where(e => e.Path != ApiDocsRegistration.OpenApiRoute)
            .SelectMany(e => e.Methods.Select(m => $"{m.ToUpperInvariant()} {e.Path}")), StringComparer.Ordinal);

    private static SortedSet<string> Documented(JsonElement document) =>
        new(document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(method => $"{method.Name.ToUpperInvariant()} {path.Name}")), StringComparer.Ordinal);

    private static Uri Address(WebApplication app)
    {
        var bound = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return new Uri($"http://127.0.0.1:{bound.Port}/");
    }
}
