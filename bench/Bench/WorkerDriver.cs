using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Provisioner.Bench;

/// <summary>
/// Mode "worker": <c>POST /environments</c>, then <c>GET /environments/{env}?wait=</c> with the last version seen as
/// <c>If-None-Match</c>, until the state is final: each GET is answered when the environment's state changes, no
/// polling. With <see cref="PollInterval"/> set it polls instead (plain GETs that often), for the polling study. The
/// status document's timestamps split the time into intake, the saga's own steps, the stages and the client's delay.
/// </summary>
public sealed class WorkerDriver(WorkerUnderTest worker) : IDisposable
{
    public const string Mode = "worker";
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    private readonly HttpClient http = new(new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue })
    {
        BaseAddress = worker.BaseAddress,
        Timeout = TimeSpan.FromSeconds(60),
    };

    /// <summary>Null: wait for each change (<c>?wait=</c>); else poll at this interval.</summary>
    public TimeSpan? PollInterval { get; set; }

    /// <summary>How the client learns the outcome, as the report names it.</summary>
    public string Observe => PollInterval is { } poll ? $"poll {poll.TotalMilliseconds:F0} ms" : "wait";

    public WorkerUnderTest Worker => worker;

    public Task<EnvSample[]> RunAsync(IReadOnlyList<string> names, int concurrency) => ClosedLoop.RunAsync(names, concurrency, OneAsync);

    private async Task<EnvSample> OneAsync(string environment)
    {
        var submitted = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        try
        {
            using (var content = new StringContent(EnvironmentRequests.Json(environment), Encoding.UTF8, "application/json"))
            using (var post = await http.PostAsync(new Uri("/environments", UriKind.Relative), content))
            {
                if (post.StatusCode != HttpStatusCode.Accepted)
                    return EnvSample.Failed(environment, clock.Elapsed.TotalMilliseconds, $"POST answered {(int)post.StatusCode}");
            }
            var status = new Uri(PollInterval is null ? $"/environments/{environment}?wait=30" : $"/environments/{environment}", UriKind.Relative);
            EntityTagHeaderValue? seen = null;
            while (true)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, status);
                if (seen is not null) request.Headers.IfNoneMatch.Add(seen);
                using (var get = await http.SendAsync(request))
                {
                    seen = get.Headers.ETag;
                    if (get.StatusCode == HttpStatusCode.OK)
                    {
                        using var document = JsonDocument.Parse(await get.Content.ReadAsStreamAsync());
                        var state = document.RootElement.GetProperty("state").GetString();
                        if (state != "running")
                        {
                            var latency = clock.Elapsed.TotalMilliseconds;
                            var observed = submitted.AddMilliseconds(latency);
                            return state == "provisioned"
                                ? new EnvSample(environment, latency, Segments(document.RootElement, submitted, observed))
                                : EnvSample.Failed(environment, latency, $"ended {state}: {Reason(document.RootElement)}");
                        }
                    }
                    else if (get.StatusCode != HttpStatusCode.NotFound) // 404: the saga has not taken the request yet (a wait for it ended at its timeout)
                        return EnvSample.Failed(environment, clock.Elapsed.TotalMilliseconds, $"GET answered {(int)get.StatusCode}");
                }
                if (clock.Elapsed > Timeout) return EnvSample.Failed(environment, clock.Elapsed.TotalMilliseconds, "no final state in time");
                if (PollInterval is { } poll) await Task.Delay(poll);
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException)
        {
            return EnvSample.Failed(environment, clock.Elapsed.TotalMilliseconds, ex.Message);
        }
    }

    /// <summary>Consecutive spans from submit to the moment the client saw the outcome; they add up to the latency.</summary>
    private static Dictionary<string, double> Segments(JsonElement status, DateTimeOffset submitted, DateTimeOffset observed)
    {
        var started = Time(status, "startedAt");
        var stages = status.GetProperty("stages").EnumerateArray()
            .Select(s => (Name: s.GetProperty("stage").GetString()!, Start: Time(s, "startedAt"), End: Time(s, "completedAt")))
            .ToList();
        var segments = new Dictionary<string, double>
        {
            [Segment.Intake] = Ms(started - submitted),
            [Segment.FactsPlanSlip] = Ms(stages[0].Start - started),
        };
        var handOffs = 0.0;
        for (var i = 0; i < stages.Count; i++)
        {
            segments[stages[i].Name] = Ms(stages[i].End - stages[i].Start);
            if (i > 0) handOffs += Ms(stages[i].Start - stages[i - 1].End);
        }
        segments[Segment.HandOffs] = handOffs;
        var finished = Time(status, "finishedAt");
        segments[Segment.Finish] = Ms(finished - stages[^1].End);
        segments[Segment.Observe] = Ms(observed - finished);
        return segments;
    }

    private static DateTimeOffset Time(JsonElement element, string property) => element.GetProperty(property).GetDateTimeOffset();

    private static double Ms(TimeSpan span) => span.TotalMilliseconds;

    private static string Reason(JsonElement status) =>
        status.TryGetProperty("reason", out var reason) && reason.ValueKind == JsonValueKind.String ? reason.GetString()! : "(no reason)";

    public void Dispose() => http.Dispose();
}
