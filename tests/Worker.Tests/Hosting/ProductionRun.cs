using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Provisioner.Worker.Tests.Infrastructure;

namespace Provisioner.Worker.Tests.Hosting;

/// <summary>
/// One batch of requests through real worker processes on RabbitMQ, PostgreSQL and moto: the environment every worker
/// of the batch shares, submitting, and reading progress back through <c>GET /environments/{env}</c>.
/// </summary>
public sealed class ProductionRun(string prefix, int count, Dictionary<string, string> environment) : IAsyncDisposable
{
    private readonly List<WorkerProcess> workers = [];
    private readonly ScratchDirectory scratch = new();

    public Stopwatch Clock { get; } = Stopwatch.StartNew();

    public IReadOnlyList<string> Environments { get; } = Enumerable.Range(1, count).Select(i => $"{prefix}-{i:D2}").ToList();

    public IReadOnlyList<WorkerProcess> Workers => workers;

    public static async Task<ProductionRun> CreateAsync(string prefix, int count, PostgresServer postgres, RabbitMqServer rabbit, MotoServer moto) =>
        new(prefix, count, new Dictionary<string, string>
        {
            ["Bus__Transport"] = "RabbitMq",
            ["Bus__RabbitMq__Url"] = rabbit.NewVirtualHostUrl(),
            ["SagaStore__Provider"] = "Postgres",
            ["SagaStore__ConnectionString"] = await postgres.CreateDatabaseAsync(),
            ["AWS_ENDPOINT_URL"] = moto.Endpoint.ToString(),
            ["AWS_ACCESS_KEY_ID"] = moto.AccessKey,
            ["AWS_SECRET_ACCESS_KEY"] = moto.SecretKey,
            ["AWS_REGION"] = "us-east-2",
            // Every stage call of a wave starts together and waits a second first: a kill lands in that wait.
            ["Testing__StageDelay"] = "00:00:01",
            ["DOTNET_ENVIRONMENT"] = "Testing",
            ["Stages__ConcurrentMessageLimit"] = "16",
            ["Stages__Deadline"] = "00:00:08",
            ["Recovery__SweepInterval"] = "00:00:01",
            ["Worker__ShutdownTimeout"] = "00:00:10",
            ["Api__AllowAnonymousLoopback"] = "true",
        });

    public async Task<WorkerProcess> StartWorkerAsync()
    {
        var worker = await WorkerProcess.StartServiceAsync(scratch.Path, environment);
        workers.Add(worker);
        return worker;
    }

    /// <summary>Submits every request, round robin over <paramref name="to"/>; each cluster has an issuer of its own.</summary>
    public async Task SubmitAsync(params WorkerProcess[] to)
    {
        for (var i = 0; i < Environments.Count; i++)
        {
            var env = Environments[i];
            using var response = await to[i % to.Length].Http.PostAsJsonAsync("environments", new
            {
                environment = env,
                aws = new { region = "us-east-2" },
                kubernetes = new { oidcIssuer = $"https://oidc.example.test/id/{env.ToUpperInvariant()}", manage = false, createOidcProvider = true },
            });
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }
    }

    /// <summary>Per environment: its state and how many stages are done (unknown = not yet seen by the saga).</summary>
    public async Task<IReadOnlyList<(string State, int Done)>> ProgressAsync(WorkerProcess worker)
    {
        var progress = new List<(string, int)>();
        foreach (var env in Environments)
        {
            using var response = await worker.Http.GetAsync($"environments/{env}");
            if (response.StatusCode == HttpStatusCode.NotFound) { progress.Add(("unknown", 0)); continue; }
            response.EnsureSuccessStatusCode();
            using var status = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            var done = status.RootElement.GetProperty("stages").EnumerateArray().Count(s => s.GetProperty("status").GetString() == "completed");
            progress.Add((status.RootElement.GetProperty("state").GetString()!, done));
        }
        return progress;
    }

    /// <summary>Waits until <paramref name="condition"/> holds for the progress <paramref name="worker"/> reports.</summary>
    public async Task<IReadOnlyList<(string State, int Done)>> WaitForAsync(WorkerProcess worker,
        Func<IReadOnlyList<(string State, int Done)>, bool> condition, string what, TimeSpan timeout)
    {
        var deadline = Clock.Elapsed + timeout;
        while (true)
        {
            var progress = await ProgressAsync(worker);
            if (condition(progress)) return progress;
            if (Clock.Elapsed > deadline)
                throw new TimeoutException($"{what}: not within {timeout}; progress {string.Join(", ", progress)}\n{worker.Tail()}");
            await Task.Delay(150);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var worker in workers) await worker.DisposeAsync();
        scratch.Dispose();
    }
}
