using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Provisioner.Worker.Tests.Infrastructure;

namespace Provisioner.Worker.Tests.Intake.Api;

/// <summary>No polling needed (issue 16): <c>?wait=</c> answers when the state changes, and the event stream follows a run.</summary>
public sealed class StatusApiTests : IAsyncLifetime
{
    private ApiTestHost host = null!;

    public async Task InitializeAsync() => host = await ApiTestHost.StartAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    /// <summary>Submits a request whose role stage is held until the test releases it: a run under way.</summary>
    private async Task<(string Environment, TaskCompletionSource Hold)> RunHeldAtRoleAsync()
    {
        var hold = host.Role.HoldCreate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var environment = IntakeJson.Environment();
        using var response = await host.Http.SendAsync(HttpMethod.Post, "/environments", IntakeJson.Request(environment, Guid.NewGuid()));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await Eventually.TrueAsync(() => host.Role.HeldCreates == 1, "the role stage in progress");
        return (environment, hold);
    }

    [Fact]
    public async Task GetEnvironment_WaitWhileRunning_AnswersOnlyOnceTheStateChanged()
    {
        var (environment, hold) = await RunHeldAtRoleAsync();
        using var before = await host.Http.SendAsync(HttpMethod.Get, $"/environments/{environment}");
        var seen = before.Headers.ETag!.Tag;

        var waiting = host.Http.SendAsync(HttpMethod.Get, $"/environments/{environment}?wait=15");
        var early = await Task.WhenAny(waiting, Task.Delay(700)) == waiting;
        var clock = Stopwatch.StartNew();
        hold.SetResult();
        using var after = await waiting;

        Assert.False(early, "answered while nothing had changed");
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.NotEqual(seen, after.Headers.ETag!.Tag);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"answered {clock.Elapsed} after the change");
    }

    [Fact]
    public async Task GetEnvironment_WaitAtRest_AnswersAtOnceUnlessTheCallerHasSeenThatVersion()
    {
        var environment = IntakeJson.Environment();
        Assert.Equal("provisioned", await host.Http.ProvisionAsync(environment));

        var clock = Stopwatch.StartNew();
        using var atOnce = await host.Http.SendAsync(HttpMethod.Get, $"/environments/{environment}?wait=30");
        var immediate = clock.Elapsed;
        using var seen = new HttpRequestMessage(HttpMethod.Get, $"/environments/{environment}?wait=1");
        seen.Headers.IfNoneMatch.Add(atOnce.Headers.ETag!);
        clock.Restart();
        using var timedOut = await host.Http.SendAsync(seen);

        Assert.Equal("provisioned", (await atOnce.JsonAsync()).GetProperty("state").GetString());
        Assert.True(immediate < TimeSpan.FromSeconds(2), $"an environment at rest took {immediate}");
        Assert.Equal(HttpStatusCode.OK, timedOut.StatusCode);
        Assert.Equal(atOnce.Headers.ETag, timedOut.Headers.ETag);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task GetEnvironment_WaitBeforeTheSagaExists_AnswersOnceTheSubmitHasMadeIt()
    {
        var environment = IntakeJson.Environment();
        var waiting = host.Http.SendAsync(HttpMethod.Get, $"/environments/{environment}?wait=15");
        var early = await Task.WhenAny(waiting, Task.Delay(700)) == waiting;
        using (var submit = await host.Http.SendAsync(HttpMethod.Post, "/environments", IntakeJson.Request(environment, Guid.NewGuid())))
            Assert.Equal(HttpStatusCode.Accepted, submit.StatusCode);
        using var answer = await waiting;

        Assert.False(early, "answered before anything was submitted");
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.NotNull(answer.Headers.ETag);
    }

    /// <summary>
    /// A wait on another tenant's environment must not tell it exists: its run changing state does not end the wait,
    /// which ends at the timeout with 404, exactly as a wait on a name nobody uses.
    /// </summary>
    [Fact]
    public async Task GetEnvironment_WaitOnAnotherTenantsRun_404AtTheTimeoutAsForANameNobodyUses()
    {
        var settings = new Dictionary<string, string?> { ["Api:AllowAnonymousLoopback"] = "false" };
        foreach (var (client, tenant) in new[] { ("a", "team-a"), ("b", "team-b") })
        {
            settings[$"Api:Clients:{client}:TokenSha256"] = ApiClientsTests.Sha256($"{client}-token-for-status-waits");
            settings[$"Api:Clients:{client}:Tenant"] = tenant;
            settings[$"Api:Clients:{client}:Scopes"] = "submit,read";
        }
        await using var tenants = await ApiTestHost.StartAsync(settings);
        var hold = tenants.Role.HoldCreate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var owned = IntakeJson.Environment();
        using (var submit = await tenants.Http.SendAsync(HttpMethod.Post, "/environments", IntakeJson.Request(owned, Guid.NewGuid()), "a-token-for-status-waits"))
            Assert.Equal(HttpStatusCode.Accepted, submit.StatusCode);
        await Eventually.TrueAsync(() => tenants.Role.HeldCreates == 1, "team-a's role stage in progress");

        var nobodys = IntakeJson.Environment();
        var foreign = TimedAsync(tenants.Http.SendAsync(HttpMethod.Get, $"/environments/{owned}?wait=2", token: "b-token-for-status-waits"));
        var unused = TimedAsync(tenants.Http.SendAsync(HttpMethod.Get, $"/environments/{nobodys}?wait=2", token: "b-token-for-status-waits"));
        await Task.Delay(300);
        hold.SetResult(); // team-a's saga is written while team-b waits on it
        var (foreignAnswer, foreignTook) = await foreign;
        var (unusedAnswer, unusedTook) = await unused;

        Assert.Equal(HttpStatusCode.NotFound, foreignAnswer.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unusedAnswer.StatusCode);
        Assert.Equal(await ProblemAsync(unusedAnswer, nobodys), await ProblemAsync(foreignAnswer, owned));
        Assert.InRange(foreignTook, TimeSpan.FromSeconds(1.9), TimeSpan.FromSeconds(6));
        Assert.InRange(unusedTook, TimeSpan.FromSeconds(1.9), TimeSpan.FromSeconds(6));
        foreignAnswer.Dispose();
        unusedAnswer.Dispose();
    }

    /// <summary>The problem document as text, the name it is about and its trace id left out.</summary>
    private static async Task<string> ProblemAsync(HttpResponseMessage answer, string environment)
    {
        var problem = (await answer.JsonAsync()).EnumerateObject().Where(p => p.Name != "traceId").Select(p => $"{p.Name}={p.Value}");
        return string.Join("\n", problem).Replace(environment, "NAME", StringComparison.Ordinal);
    }

    private static async Task<(HttpResponseMessage Answer, TimeSpan Took)> TimedAsync(Task<HttpResponseMessage> call)
    {
        var clock = Stopwatch.StartNew();
        var answer = await call;
        return (answer, clock.Elapsed);
    }

    [Theory]
    [InlineData("-1", HttpStatusCode.BadRequest)]
    [InlineData("soon", HttpStatusCode.BadRequest)]
    public async Task GetEnvironment_BadWait_400(string wait, HttpStatusCode expected)
    {
        var environment = IntakeJson.Environment();
        Assert.Equal("provisioned", await host.Http.ProvisionAsync(environment));

        using var response = await host.Http.SendAsync(HttpMethod.Get, $"/environments/{environment}?wait={wait}");

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task GetEvents_RunUnderWay_StreamsEveryStageThenTheOutcomeAndEnds()
    {
        var (environment, hold) = await RunHeldAtRoleAsync();

        using var response = await host.Http.GetAsync($"/environments/{environment}/events", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        var reading = response.Content.ReadAsStringAsync();
        await Task.Delay(300);
        hold.SetResult();
        var stream = await reading.WaitAsync(TimeSpan.FromSeconds(20));

        var events = stream.Split("\n\n", StringSplitOptions.RemoveEmptyEntries).Where(e => !e.StartsWith(':'))
            .Select(e => e.Split('\n').ToDictionary(l => l[..l.IndexOf(':', StringComparison.Ordinal)], l => l[(l.IndexOf(':', StringComparison.Ordinal) + 2)..])).ToList();
        var statuses = events.Where(e => e["event"] == "status").Select(e => JsonDocument.Parse(e["data"]).RootElement.GetProperty("state").GetString()).ToList();
        Assert.Equal("running", statuses[0]);
        Assert.Equal("provisioned", statuses[^1]);
        var completed = events.Where(e => e["event"] == "stage").Select(e => JsonDocument.Parse(e["data"]).RootElement)
            .Where(s => s.GetProperty("status").GetString() == "completed").Select(s => s.GetProperty("stage").GetString()).Distinct().ToList();
        Assert.Equal(["bucket", "access-policy", "role", "verify"], completed);
        Assert.True(events.Select(e => int.Parse(e["id"], System.Globalization.CultureInfo.InvariantCulture)).Order().SequenceEqual(events.Select(e => int.Parse(e["id"], System.Globalization.CultureInfo.InvariantCulture))));
    }

    [Fact]
    public async Task GetEvents_Unknown_404()
    {
        using var response = await host.Http.SendAsync(HttpMethod.Get, $"/environments/{IntakeJson.Environment()}/events");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
