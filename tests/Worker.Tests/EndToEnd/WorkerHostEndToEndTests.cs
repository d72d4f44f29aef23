using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Provisioner.Worker.Tests.Infrastructure;

namespace Provisioner.Worker.Tests.EndToEnd;

/// <summary>
/// The program with no verb, as deployed: the worker service over HTTP against moto, with its own SQLite file. Every
/// test kills its workers before it ends.
/// </summary>
public sealed class WorkerHostEndToEndTests(WorkerEndToEndFixture fixture) : IClassFixture<WorkerEndToEndFixture>, IDisposable
{
    private static readonly TimeSpan ProvisionDeadline = TimeSpan.FromSeconds(30);

    private readonly ScratchDirectory scratch = new();

    public void Dispose() => scratch.Dispose();

    [Fact]
    public async Task PostEnvironments_ValidRequest_AcceptsAndProvisions()
    {
        await using var worker = await StartWorkerAsync();

        var (location, requestId) = await SubmitAsync(worker, "e2e-service");
        var status = await WaitUntilSettledAsync(worker, location);

        Assert.Equal("provisioned", status["state"]!.GetValue<string>());
        Assert.Equal(requestId, status["requestId"]!.GetValue<string>());
        await worker.StopAsync();
        Assert.True(worker.HasExited);
    }

    [Fact]
    public async Task PostEnvironments_MalformedJson_Returns400ProblemDetails()
    {
        await using var worker = await StartWorkerAsync();

        using var response = await PostAsync(worker, "{ \"environment\": ");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task PostEnvironments_InvalidRequest_Returns400WithErrorsByField()
    {
        await using var worker = await StartWorkerAsync();

        using var response = await PostAsync(worker, ExampleRequests.Json("e2e-service-invalid", requestId: null, r =>
        {
            r["bucket"]!["name"] = "Bad_Name";
            r["aws"]!["region"] = "nowhere";
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]!.AsObject();
        Assert.Equal(["aws.region", "bucket.name"], errors.Select(e => e.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task GetEnvironment_UnknownName_Returns404()
    {
        await using var worker = await StartWorkerAsync();

        using var response = await worker.Http.GetAsync(new Uri("/environments/unknown", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task GetEnvironment_AfterWorkerKilledAndRestartedOnSameDatabase_StillProvisioned()
    {
        string location, requestId;
        await using (var first = await StartWorkerAsync())
        {
            (location, requestId) = await SubmitAsync(first, "e2e-restart");
            Assert.Equal("provisioned", (await WaitUntilSettledAsync(first, location))["state"]!.GetValue<string>());
            // Killed, not stopped: only what the worker had already written survives.
            await first.StopAsync();
        }

        await using var second = await StartWorkerAsync();
        using var response = await second.Http.GetAsync(new Uri(location, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var status = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(("provisioned", requestId), (status["state"]!.GetValue<string>(), status["requestId"]!.GetValue<string>()));
    }

    /// <summary>On loopback, as a developer runs it: requests without a token are served (the README's first session).</summary>
    private Task<WorkerProcess> StartWorkerAsync() => WorkerProcess.StartServiceAsync(scratch.Path,
        new Dictionary<string, string>(fixture.Variables(scratch.File("saga.db"))) { ["Api__AllowAnonymousLoopback"] = "true" });

    private static async Task<HttpResponseMessage> PostAsync(WorkerProcess worker, string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        return await worker.Http.PostAsync(new Uri("/environments", UriKind.Relative), content);
    }

    /// <summary>Posts the example (without a requestId) as <paramref name="environment"/>; returns the Location and the assigned request id.</summary>
    private static async Task<(string Location, string RequestId)> SubmitAsync(WorkerProcess worker, string environment)
    {
        using var response = await PostAsync(worker, ExampleRequests.Json(environment, requestId: null));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{(int)response.StatusCode} {body}");
        Assert.Equal($"/environments/{environment}", response.Headers.Location?.OriginalString);
        var accepted = JsonNode.Parse(body)!;
        Assert.Equal(environment, accepted["id"]!.GetValue<string>());
        var requestId = accepted["requestId"]!.GetValue<string>();
        Assert.True(Guid.TryParse(requestId, out _), body);
        return (response.Headers.Location!.OriginalString, requestId);
    }

    /// <summary>Polls the status until the run has an outcome; the saga may not exist for a moment after the 202.</summary>
    private static async Task<JsonNode> WaitUntilSettledAsync(WorkerProcess worker, string location)
    {
        var deadline = DateTime.UtcNow + ProvisionDeadline;
        var last = "";
        while (DateTime.UtcNow < deadline)
        {
            using var response = await worker.Http.GetAsync(new Uri(location, UriKind.Relative));
            var body = await response.Content.ReadAsStringAsync();
            last = $"{(int)response.StatusCode} {body}";
            if (response.StatusCode == HttpStatusCode.OK && JsonNode.Parse(body) is { } status
                && status["state"]?.GetValue<string>() is not (null or "running"))
                return status;
            await Task.Delay(200);
        }
        throw new TimeoutException($"{location} had no outcome within {ProvisionDeadline.TotalSeconds} s; last answer: {last}");
    }
}
